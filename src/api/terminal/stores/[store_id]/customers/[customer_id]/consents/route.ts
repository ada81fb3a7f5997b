import type { MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { SaleStatus } from "../../../../../../../modules/pos/models/sale"
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

/**
 * Staff record a change the customer makes at the counter: only for the customer of an open sale at
 * this store (`sale_id`), the proof that they are there; audited.
 */
export const POST = async (req: TerminalRequest<TerminalConsentChangesType>, res: MedusaResponse) => {
  // the sale's customer is its cart's (the sale's read-only link to its cart)
  const { data } = await req.scope.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "pos_sale",
    fields: ["id", "store_id", "status", "cart.customer_id"],
    filters: { id: req.validatedBody.sale_id },
  })
  const sale = data[0] as any
  if (!sale || sale.store_id !== req.params.store_id || sale.status !== SaleStatus.OPEN || sale.cart?.customer_id !== req.params.customer_id) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Consent is changed at the till only with the customer there: sale ${req.validatedBody.sale_id} is not an open sale at this store with customer ${req.params.customer_id} attached`
    )
  }
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
