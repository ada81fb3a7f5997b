import { MedusaError } from "@medusajs/framework/utils"
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

/** A shift does not close over sales that took money and are neither completed nor voided. */
export async function throwIfOpenPaidSales(pos: PosModuleService, shiftId: string) {
  const openSales = await pos.listPosSales({ shift_id: shiftId, status: SaleStatus.OPEN }, { relations: ["tenders"] })
  const paidOpen = openSales.filter((sale) => sale.tenders.some((t) => t.status === TenderStatus.SUCCEEDED))
  if (paidOpen.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Shift ${shiftId} has ${paidOpen.length} open sale(s) with money taken (${paidOpen.map((s) => s.id).join(", ")}); ` +
        "complete or void them before closing"
    )
  }
}
