import type { MedusaResponse } from "@medusajs/framework/http"
import { respondWithReturn } from "../../../returns/helpers"
import type { TerminalExchangeType } from "../../../returns/validators"
import type { TerminalRequest } from "../../../utils/staff-access"

/**
 * An exchange at this store through Medusa's exchange flow: the lines coming
 * back (with their dispositions, under the same policy as a return) and the
 * variants the customer takes instead, off this store's shelf. A difference
 * in the customer's favour is refunded to the original tenders; one in the
 * store's favour is paid in cash into the given shift's drawer. Answers like
 * a return, with `return.exchange_id`, `new_items_amount` and `collected_amount`.
 */
export const POST = async (req: TerminalRequest<TerminalExchangeType>, res: MedusaResponse) => {
  await respondWithReturn(req, res)
}
