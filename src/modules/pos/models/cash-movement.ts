import { model } from "@medusajs/framework/utils"
import { PosShift } from "./shift"

/** Cash put into (positive) or taken out of (negative) a register's drawer during a shift. */
export const PosCashMovement = model.define("pos_cash_movement", {
  id: model.id({ prefix: "cmov" }).primaryKey(),
  amount: model.bigNumber(),
  reason: model.text(),
  staff_id: model.text(),
  approved_by: model.text().nullable(),
  shift: model.belongsTo(() => PosShift, { mappedBy: "cash_movements" }),
})
