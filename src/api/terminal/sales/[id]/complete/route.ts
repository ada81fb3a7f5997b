import type { MedusaResponse } from "@medusajs/framework/http"
import { completeCounterSaleWorkflow } from "../../../../../workflows/sale/complete-counter-sale"
import { loadStoreContext } from "../../../../../workflows/sale/utils/store-context"
import type { TerminalRequest } from "../../../utils/staff-access"

/**
 * Completes a paid sale → the Medusa order, its receipt and the change to hand
 * back. Asking again after an interruption finishes what was left (capture,
 * fulfilment); asking again after a full completion is refused.
 */
export const POST = async (req: TerminalRequest, res: MedusaResponse) => {
  const context = await loadStoreContext(req.scope, req.membership!.store_id)
  const { result: receipt } = await completeCounterSaleWorkflow(req.scope).run({
    input: {
      sale_id: req.params.id,
      store_id: context.store.id,
      staff_id: req.staff!.id,
      location_id: context.location_id,
      pickup_shipping_option_id: context.pickup_shipping_option_id ?? null,
      request_id: req.requestId,
    },
  })
  res.json({ order: receipt.order, receipt, change_due: receipt.change_due })
}
