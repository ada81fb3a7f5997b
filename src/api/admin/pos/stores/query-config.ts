import { POS_STORE_FIELDS } from "../../../utils/store-fields"

export const defaultAdminPosStoreFields = [
  ...POS_STORE_FIELDS,
  "metadata",
  "created_at",
  "updated_at",
  "stock_location.id",
  "sales_channel.id",
  "stock_location.sales_channels.id",
  "stock_location.sales_channels.name",
]

export const retrieveTransformQueryConfig = {
  defaults: defaultAdminPosStoreFields,
  isList: false,
}

export const listTransformQueryConfig = {
  ...retrieveTransformQueryConfig,
  defaultLimit: 50,
  isList: true,
}
