import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { roundToCurrency } from "../../utils/money"
import { POS_MODULE } from "../../../modules/pos"
import { ShiftStatus } from "../../../modules/pos/models/shift"
import { TenderStatus } from "../../../modules/pos/models/tender"
import type PosModuleService from "../../../modules/pos/service"

/** Money is taken only on an open shift: a closed drawer's count is final. */
export async function throwIfShiftClosed(container: { resolve: (key: string) => any }, shiftId: string) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const shift = await pos.retrievePosShift(shiftId, { select: ["id", "status"] })
  if (shift.status !== ShiftStatus.OPEN) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Shift ${shiftId} is closed; a sale of a closed shift takes no money (void it and ring it up on an open shift)`
    )
  }
}

/**
 * What a sale's cart totals, and what its succeeded tenders already cover.
 * `cartFields`: more of the cart to read in the same query (returned as `cart`).
 */
export async function saleBalance(container: { resolve: (key: string) => any }, saleId: string, cartFields: string[] = []) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const sale = await pos.retrievePosSale(saleId, { relations: ["tenders"] })
  const { data: carts } = await query.graph({
    entity: "cart",
    fields: ["id", "total", ...cartFields],
    filters: { id: sale.cart_id },
  })
  const cart = carts[0] as any
  // Paid in the currency's smallest unit: Medusa's own total is unrounded.
  const total = MathBN.convert(roundToCurrency(cart?.total ?? 0, sale.currency_code))
  const sum = (status: TenderStatus) =>
    MathBN.add(0, ...sale.tenders.filter((t) => t.status === status).map((t) => t.amount))
  const paid = sum(TenderStatus.SUCCEEDED)
  // card tenders still on a reader: not paid yet, but no other tender may take that part
  const pending = sum(TenderStatus.PENDING)
  return {
    sale,
    total,
    paid,
    pending,
    due: MathBN.sub(total, paid),
    cart,
  }
}
