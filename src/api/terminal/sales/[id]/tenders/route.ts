import type { MedusaResponse } from "@medusajs/framework/http"
import { addCreditTenderWorkflow } from "../../../../../workflows/sale/add-credit-tender"
import { addTenderWorkflow } from "../../../../../workflows/sale/add-tender"
import type { TerminalRequest } from "../../../utils/staff-access"
import { refetchSale, tenderAnswer } from "../../helpers"
import type { TerminalAddTenderType } from "../../validators"

/**
 * Takes a tender: cash, card, a gift card or the customer's store credit (docs/customers.md). The same
 * idempotency_key again returns the first answer and takes nothing.
 */
export const POST = async (req: TerminalRequest<TerminalAddTenderType>, res: MedusaResponse) => {
  const body = req.validatedBody
  const who = { sale_id: req.params.id, store_id: req.membership!.store_id, staff_id: req.staff!.id, request_id: req.requestId }
  const { result } =
    body.type === "gift_card" || body.type === "store_credit"
      ? await addCreditTenderWorkflow(req.scope).run({
          input: { ...who, type: body.type, code: body.code, amount: body.amount, idempotency_key: body.idempotency_key },
        })
      : await addTenderWorkflow(req.scope).run({
          input: { ...who, ...body, type: body.type, amount: body.amount! },
        })
  res.json({
    tender: tenderAnswer(result.tender),
    replayed: result.replayed,
    sale: await refetchSale(req.scope, req.params.id),
  })
}
