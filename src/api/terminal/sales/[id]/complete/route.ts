import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { completeSaleWorkflow } from "../../../../../workflows/sale/complete-sale"
import { loadStoreContext } from "../../../../../workflows/sale/utils/store-context"
import { buildReceipt } from "../../../orders/receipt"
import type { TerminalRequest } from "../../../utils/staff-access"

/** Completes a paid sale → the Medusa order, its receipt and the change to hand back. */
export const POST = async (req: TerminalRequest, res: MedusaResponse) => {
  const context = await loadStoreContext(req.scope, req.membership!.store_id)
  if (!context.pickup_shipping_option_id) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Store ${context.store.id} has no pickup shipping option; recreate it through the store settings`
    )
  }
  const { result } = await completeSaleWorkflow(req.scope).run({
    input: {
      sale_id: req.params.id,
      store_id: context.store.id,
      staff_id: req.staff!.id,
      location_id: context.location_id,
      pickup_shipping_option_id: context.pickup_shipping_option_id,
      request_id: req.requestId,
    },
  })
  const receipt = await buildReceipt(req.scope, result.order_id)
  res.json({ order: receipt.order, receipt, change_due: result.change_due })
}
