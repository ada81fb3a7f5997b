import { model } from "@medusajs/framework/utils"
import { PosTender } from "./tender"

export enum SaleStatus {
  OPEN = "open",
  COMPLETED = "completed",
  VOIDED = "voided",
}

/**
 * A sale at the counter: a Medusa cart in the store's POS sales channel while
 * open, the Medusa order it became once completed. Attributed to the staff
 * member and the shift (and so the register) that rang it up.
 */
export const PosSale = model
  .define("pos_sale", {
    id: model.id({ prefix: "sale" }).primaryKey(),
    store_id: model.text(),
    shift_id: model.text(),
    register_id: model.text(),
    staff_id: model.text(),
    cart_id: model.text(),
    order_id: model.text().nullable(),
    currency_code: model.text(),
    status: model.enum(SaleStatus).default(SaleStatus.OPEN),
    /** printed on the receipt, typed or scanned at a returns desk */
    receipt_code: model.text(),
    completed_at: model.dateTime().nullable(),
    voided_at: model.dateTime().nullable(),
    voided_by: model.text().nullable(),
    tenders: model.hasMany(() => PosTender, { mappedBy: "sale" }),
  })
  .indexes([
    { on: ["store_id", "status"] },
    { on: ["shift_id"] },
    { on: ["receipt_code"], unique: true },
    { on: ["order_id"] },
  ])
