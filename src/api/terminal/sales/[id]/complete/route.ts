import type { MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../modules/pos"
import { SaleStatus } from "../../../../../modules/pos/models/sale"
import type PosModuleService from "../../../../../modules/pos/service"
import { completeSaleWorkflow } from "../../../../../workflows/sale/complete-sale"
import { finishSaleOrderWorkflow } from "../../../../../workflows/sale/finish-sale-order"
import { withSaleLock } from "../../../../../workflows/sale/steps/add-tender"
import { loadStoreContext } from "../../../../../workflows/sale/utils/store-context"
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

  const orderId = await withSaleLock(req.scope, req.params.id, async () => {
    const sale = await pos.retrievePosSale(req.params.id)
    if (sale.status === SaleStatus.COMPLETED && sale.order_id) {
      if (await isOrderFinished(req, sale.order_id)) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Sale ${sale.id} is already completed (order ${sale.order_id})`)
      }
      return sale.order_id
    }
    if (!context.pickup_shipping_option_id) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Store ${context.store.id} has no pickup shipping option; recreate it through the store settings`
      )
    }
    const { result } = await completeSaleWorkflow(req.scope).run({
      input: {
        sale_id: sale.id,
        store_id: context.store.id,
        staff_id: req.staff!.id,
        location_id: context.location_id,
        pickup_shipping_option_id: context.pickup_shipping_option_id,
        request_id: req.requestId,
      },
    })
    return result.order_id
  })

  // Capture, fulfil and deliver: each part only if it has not happened yet, so
  // an interruption here is finished by asking again.
  await finishSaleOrderWorkflow(req.scope).run({
    input: { order_id: orderId, location_id: context.location_id, staff_id: req.staff!.id },
  })
  const receipt = await buildReceipt(req.scope, orderId)
  res.json({ order: receipt.order, receipt, change_due: receipt.change_due })
}

async function isOrderFinished(req: TerminalRequest, orderId: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["fulfillments.delivered_at", "payment_collections.payments.captured_at"],
    filters: { id: orderId },
  })
  const order = data[0] as any
  const fulfillments = order?.fulfillments ?? []
  const payments = (order?.payment_collections ?? []).flatMap((pc: any) => pc?.payments ?? [])
  return fulfillments.length > 0 && fulfillments.every((f: any) => f?.delivered_at) && payments.every((p: any) => p?.captured_at)
}
