import { model } from "@medusajs/framework/utils"

export enum StoreStatus {
  ACTIVE = "active",
  DISABLED = "disabled",
}

/**
 * A physical shop: one node of the retailer's network. It sells at the
 * counter, hands over pickup orders, ships online orders and takes returns,
 * each as the capabilities allow.
 */
export const PosStore = model
  .define("pos_store", {
    id: model.id({ prefix: "str" }).primaryKey(),
    name: model.text().searchable(),
    code: model.text().searchable(),
    status: model.enum(StoreStatus).default(StoreStatus.ACTIVE),
    address_1: model.text().nullable(),
    address_2: model.text().nullable(),
    city: model.text().nullable(),
    province: model.text().nullable(),
    postal_code: model.text().nullable(),
    country_code: model.text().nullable(),
    phone: model.text().nullable(),
    latitude: model.float().nullable(),
    longitude: model.float().nullable(),
    timezone: model.text().default("UTC"),
    metadata: model.json().nullable(),
  })
  .indexes([{ on: ["code"], unique: true, where: "deleted_at IS NULL" }])
