import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recordConsentsWorkflow } from "../../../../../workflows/customers/record-consents"
import { customerConsents } from "../../../../../workflows/customers/utils/profile"
import type { StoreConsentChangesType } from "../../../../customers/validators"

/** The signed-in customer's consents as they stand, each with the wording to show. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { consents } = await customerConsents(req.scope, req.auth_context.actor_id)
  res.json({ consents })
}

/** The signed-in customer gives or withdraws consents; each change is kept with the wording shown. */
export const POST = async (req: AuthenticatedMedusaRequest<StoreConsentChangesType>, res: MedusaResponse) => {
  const { result } = await recordConsentsWorkflow(req.scope).run({
    input: {
      customer_id: req.auth_context.actor_id,
      changes: req.validatedBody.changes,
      source: "storefront",
      recorded_by_type: "customer",
      recorded_by: req.auth_context.actor_id,
    },
  })
  res.json({ consents: result })
}
