import type { MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../modules/pos"
import { SaleStatus } from "../../../../../modules/pos/models/sale"
import type PosModuleService from "../../../../../modules/pos/service"
import { finishSaleOrderWorkflow } from "../../../../../workflows/sale/finish-sale-order"
import { withSaleLock } from "../../../../../workflows/sale/utils/sale-lock"
import { runSaleCompletion } from "../../../../../workflows/sale/utils/run-sale-completion"
import { loadStoreContext } from "../../../../../workflows/sale/utils/store-context"
import { callStripe } from "../../../../../workflows/sale/utils/card-tender"
import { endlessOf } from "../../../../../workflows/sale/utils/endless-aisle"
import { buildReceipt } from "../../../../../workflows/sale/utils/receipt"
import type { TerminalRequest } from "../../../utils/staff-access"

/**
 * Completes a paid sale → the Medusa order, its receipt and the change to hand
 * back. Asking again after an interruption finishes what was left (capture,
 * fulfilment); asking again after a full completion is refused.
 */
export const POST = async (req: TerminalRequest, res: MedusaResponse) => {
  const context = await loadStoreContext(req.scope, req.membership!.store_id)
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)

  // Completion and what follows it (capture, fulfilment, delivery, endless-aisle
  // placement) run under the sale's lock, so a retried request never runs them
  // twice at once; each part runs only if it has not happened yet, so an
  // interruption is finished by asking again.
  const receipt = await withSaleLock(req.scope, req.params.id, async () => {
    const sale = await pos.retrievePosSale(req.params.id)
    let orderId = sale.order_id
    let paymentCollectionId: string | null = null
    if (sale.status === SaleStatus.COMPLETED && orderId) {
      if (await isOrderFinished(req, orderId, sale.cart_id, context.location_id)) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Sale ${sale.id} is already completed (order ${orderId})`)
      }
    } else {
      if (!context.pickup_shipping_option_id) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Store ${context.store.id} has no pickup shipping option; recreate it through the store settings`
        )
      }
      const { result } = await callStripe("The sale could not be completed", () =>
        runSaleCompletion(req.scope, {
          sale_id: sale.id,
          store_id: context.store.id,
          staff_id: req.staff!.id,
          location_id: context.location_id,
          pickup_shipping_option_id: context.pickup_shipping_option_id!,
          request_id: req.requestId,
        })
      )
      orderId = result.order_id
      paymentCollectionId = result.payment_collection_id
    }
    // The receipt reads the order's lines and totals and the sale's tenders, which
    // the capture and the hand-over do not change: it is built meanwhile. Both are
    // awaited before the lock is let go, whichever fails.
    const [finished, receipt] = await Promise.allSettled([
      callStripe("The order exists; capturing its payments failed (ask complete again)", () =>
        finishSaleOrderWorkflow(req.scope).run({
          input: {
            order_id: orderId!,
            cart_id: sale.cart_id,
            location_id: context.location_id,
            staff_id: req.staff!.id,
            shipping_option_id: context.pickup_shipping_option_id ?? "",
            payment_collection_id: paymentCollectionId,
          },
        })
      ),
      buildReceipt(req.scope, orderId!),
    ])
    if (finished.status === "rejected") {
      throw finished.reason
    }
    if (receipt.status === "rejected") {
      throw receipt.reason
    }
    return receipt.value
  })
  res.json({ order: receipt.order, receipt, change_due: receipt.change_due })
}

/**
 * Captured with each capture recorded on the order, the lines taken home
 * delivered here (on the fulfilment and on the order's lines), and no
 * endless-aisle reservation still keyed to the cart.
 */
async function isOrderFinished(req: TerminalRequest, orderId: string, cartId: string, locationId: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data }, { data: carts }] = await Promise.all([
    query.graph({
      entity: "order",
      fields: [
        "items.*",
        "items.detail.delivered_quantity",
        "fulfillments.location_id",
        "fulfillments.delivered_at",
        "fulfillments.canceled_at",
        "payment_collections.payments.captured_at",
        "payment_collections.payments.canceled_at",
        "payment_collections.payments.captures.id",
        "transactions.reference_id",
      ],
      filters: { id: orderId },
    }),
    query.graph({ entity: "cart", fields: ["items.id", "items.metadata"], filters: { id: cartId } }),
  ])
  const order = data[0] as any
  const here = (order?.fulfillments ?? []).filter((f: any) => f?.location_id === locationId && !f.canceled_at)
  const taken = (order?.items ?? []).filter((item: any) => item && !endlessOf(item))
  const takesHome = taken.length > 0
  // every line taken home is delivered on the order itself, not only on its fulfilment
  const delivered = taken.every((item: any) =>
    MathBN.gte(item.detail?.delivered_quantity ?? 0, item.quantity ?? 0)
  )
  // a payment canceled (an undone completion's, replaced by a new one) is not owed a capture
  const payments = (order?.payment_collections ?? []).flatMap((pc: any) => pc?.payments ?? []).filter((p: any) => p && !p.canceled_at)
  const recorded = new Set((order?.transactions ?? []).map((t: any) => t?.reference_id))
  const captures = payments.flatMap((p: any) => p?.captures ?? [])
  const endlessCartLines = ((carts[0] as any)?.items ?? []).filter((item: any) => endlessOf(item)).map((i: any) => i.id)
  const unplaced = endlessCartLines.length
    ? await req.scope.resolve(Modules.INVENTORY).listReservationItems({ line_item_id: endlessCartLines }, { select: ["id"] })
    : []
  return (
    (!takesHome || (here.length > 0 && here.every((f: any) => f?.delivered_at) && delivered)) &&
    payments.every((p: any) => p?.captured_at) &&
    captures.every((c: any) => recorded.has(c?.id)) &&
    !unplaced.length
  )
}
