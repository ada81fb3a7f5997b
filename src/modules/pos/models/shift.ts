import { model } from "@medusajs/framework/utils"
import { PosCashMovement } from "./cash-movement"

export enum ShiftStatus {
  OPEN = "open",
  CLOSED = "closed",
}

/**
 * A register's shift: opened with a float, closed with a count. At most one
 * open shift per register (a partial unique index, and a lock while opening).
 */
export const PosShift = model
  .define("pos_shift", {
    id: model.id({ prefix: "shft" }).primaryKey(),
    store_id: model.text(),
    register_id: model.text(),
    currency_code: model.text(),
    status: model.enum(ShiftStatus).default(ShiftStatus.OPEN),
    opened_by: model.text(),
    opened_at: model.dateTime(),
    opening_float: model.bigNumber(),
    closed_by: model.text().nullable(),
    closed_at: model.dateTime().nullable(),
    expected_cash: model.bigNumber().nullable(),
    counted_cash: model.bigNumber().nullable(),
    variance: model.bigNumber().nullable(),
    variance_approved_by: model.text().nullable(),
    cash_movements: model.hasMany(() => PosCashMovement, { mappedBy: "shift" }),
  })
  .indexes([
    { on: ["register_id"], unique: true, where: "status = 'open' AND deleted_at IS NULL" },
    { on: ["store_id", "status"] },
    { on: ["store_id", "opened_at"] },
  ])
