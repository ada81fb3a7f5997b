export const defaultAdminPosStoreFields = [
  "id",
  "name",
  "code",
  "status",
  "address_1",
  "address_2",
  "city",
  "province",
  "postal_code",
  "country_code",
  "phone",
  "latitude",
  "longitude",
  "timezone",
  "currency_code",
  "opening_hours",
  "capabilities",
  "ship_from_store_capacity",
  "pickup_hold_hours",
  "metadata",
  "created_at",
  "updated_at",
  "stock_location.id",
  "sales_channel.id",
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
