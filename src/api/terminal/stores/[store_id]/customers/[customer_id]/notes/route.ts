import type { MedusaResponse } from "@medusajs/framework/http"
import { addCustomerNoteWorkflow } from "../../../../../../../workflows/customers/add-customer-note"
import type { TerminalCustomerNoteType } from "../../../../../../customers/validators"
import type { TerminalRequest } from "../../../../../utils/staff-access"

/** A note about the customer (sizes, preferences), shown on the panel with `purchase_history`; audited. */
export const POST = async (req: TerminalRequest<TerminalCustomerNoteType>, res: MedusaResponse) => {
  const { result } = await addCustomerNoteWorkflow(req.scope).run({
    input: {
      customer_id: req.params.customer_id,
      store_id: req.params.store_id,
      staff_id: req.staff!.id,
      text: req.validatedBody.text,
      request_id: req.requestId ?? null,
    },
  })
  res.status(201).json({ note: result })
}
