import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recordProductViewWorkflow } from "../../../../../workflows/customers/record-product-view"
import type { StoreProductViewType } from "../../../../customers/validators"

/**
 * A product page viewed by the signed-in customer: kept only while they agree to
 * `browsing_history` (`recorded: false` otherwise), for staff to show in store.
 */
export const POST = async (req: AuthenticatedMedusaRequest<StoreProductViewType>, res: MedusaResponse) => {
  const { result } = await recordProductViewWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, product_id: req.validatedBody.product_id, variant_id: req.validatedBody.variant_id ?? null },
  })
  res.json(result)
}
