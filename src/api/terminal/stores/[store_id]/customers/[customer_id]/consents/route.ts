import type { MedusaResponse } from "@medusajs/framework/http"
import { recordConsentsWorkflow } from "../../../../../../../workflows/customers/record-consents"
import { customerConsents, loadCustomer } from "../../../../../../../workflows/customers/utils/profile"
import type { TerminalConsentChangesType } from "../../../../../../customers/validators"
import type { TerminalRequest } from "../../../../../utils/staff-access"

/** A customer's consents as they stand, with the wording for each. */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  await loadCustomer(req.scope, req.params.customer_id)
  const { consents } = await customerConsents(req.scope, req.params.customer_id)
  res.json({ consents })
}

/** Staff record a change the customer makes at the till (`customer_present: true`); audited. */
export const POST = async (req: TerminalRequest<TerminalConsentChangesType>, res: MedusaResponse) => {
  const { result } = await recordConsentsWorkflow(req.scope).run({
    input: {
      customer_id: req.params.customer_id,
      changes: req.validatedBody.changes,
      source: "till",
      recorded_by_type: "staff",
      recorded_by: req.staff!.id,
      store_id: req.params.store_id,
      request_id: req.requestId ?? null,
    },
  })
  res.json({ consents: result })
}
