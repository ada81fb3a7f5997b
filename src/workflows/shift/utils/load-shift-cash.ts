import { SaleStatus } from "../../../modules/pos/models/sale"
import { TenderStatus, TenderType } from "../../../modules/pos/models/tender"
import type PosModuleService from "../../../modules/pos/service"

/**
 * A shift with every amount that went through its drawer: cash movements, and
 * the cash part of each sale it completed (what the tender covered; the change
 * went back out of the same drawer).
 */
export async function loadShiftCash(pos: PosModuleService, shiftId: string) {
  const shift = await pos.retrievePosShift(shiftId, { relations: ["cash_movements"] })
  const sales = await pos.listPosSales(
    { shift_id: shiftId, status: SaleStatus.COMPLETED },
    { relations: ["tenders"] }
  )
  const cashSales = sales.flatMap((sale) =>
    sale.tenders
      .filter((t) => t.type === TenderType.CASH && t.status === TenderStatus.SUCCEEDED)
      .map((t) => t.amount)
  )
  return { shift, amounts: [...shift.cash_movements.map((m) => m.amount), ...cashSales] }
}
