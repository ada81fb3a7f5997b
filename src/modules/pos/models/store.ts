import { model } from "@medusajs/framework/utils"
import { PosRegister } from "./register"
import { PosStaffMembership } from "./staff-membership"

export enum StoreStatus {
  ACTIVE = "active",
  DISABLED = "disabled",
}

/**
 * A physical shop: one node of the retailer's network. It sells at the
 * counter, hands over pickup orders, ships online orders and takes returns,
 * each as its capabilities allow. Linked to exactly one stock location and
 * one POS sales channel (src/links).
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
    /** the currency the counter sells and counts cash in */
    currency_code: model.text().default("usd"),
    /** `{ mon: [["09:00", "18:00"]], …, sun: [] }` in the store's time zone */
    opening_hours: model.json().nullable(),
    /** `{ sell, pickup, curbside, ship_from_store, returns }`: the pilot switches */
    capabilities: model.json(),
    ship_from_store_capacity: model.number().default(50),
    pickup_hold_hours: model.number().default(72),
    /** the store's Stripe Terminal location (tml_…): readers and connection tokens belong to it */
    stripe_location_id: model.text().nullable(),
    /** where returns marked refurbish / quarantine are held: stock locations no sales channel sells from, made on first use */
    refurbish_location_id: model.text().nullable(),
    quarantine_location_id: model.text().nullable(),
    metadata: model.json().nullable(),
    registers: model.hasMany(() => PosRegister, { mappedBy: "store" }),
    memberships: model.hasMany(() => PosStaffMembership, { mappedBy: "store" }),
  })
  .cascades({ delete: ["registers", "memberships"] })
  .indexes([{ on: ["code"], unique: true, where: "deleted_at IS NULL" }])
