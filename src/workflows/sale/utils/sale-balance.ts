import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { roundToCurrency } from "../../utils/money"
import { POS_MODULE } from "../../../modules/pos"
import { ShiftStatus } from "../../../modules/pos/models/shift"
import { CREDIT_TENDER_TYPES, TenderStatus } from "../../../modules/pos/models/tender"
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
 * Gift cards and store credit are credit lines of the cart (the loyalty plugin's): Medusa's cart
 * total is what is left after them, so the sale's total adds them back and counts them paid.
 * `due` is the cart's total less the cash and card tenders.
 * `cartFields`: more of the cart to read in the same query (returned as `cart`).
 */
export async function saleBalance(container: { resolve: (key: string) => any }, saleId: string, cartFields: string[] = []) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const sale = await pos.retrievePosSale(saleId, { relations: ["tenders"] })
  const { data: carts } = await query.graph({
    entity: "cart",
    fields: ["id", "total", "credit_line_total", ...cartFields],
    filters: { id: sale.cart_id },
  })
  const cart = carts[0] as any
  // Paid in the currency's smallest unit: Medusa's own total is unrounded.
  const net = MathBN.convert(roundToCurrency(cart?.total ?? 0, sale.currency_code))
  const credits = MathBN.convert(roundToCurrency(cart?.credit_line_total ?? 0, sale.currency_code))
  const sum = (status: TenderStatus) =>
    MathBN.add(
      0,
      ...sale.tenders.filter((t) => t.status === status && !CREDIT_TENDER_TYPES.includes(t.type)).map((t) => t.amount)
    )
  const taken = sum(TenderStatus.SUCCEEDED)
  // card tenders still on a reader: not paid yet, but no other tender may take that part
  const pending = sum(TenderStatus.PENDING)
  return {
    sale,
    /** what the sale costs: the cart's total before gift cards and store credit */
    total: MathBN.add(net, credits),
    /** cash and card taken, and gift cards and store credit on the cart */
    paid: MathBN.add(taken, credits),
    pending,
    due: MathBN.sub(net, taken),
    /** gift cards and store credit on the cart */
    credits,
    cart,
  }
}
