import type { MedusaResponse } from "@medusajs/framework/http"
import { addTenderWorkflow } from "../../../../../workflows/sale/add-tender"
import type { TerminalRequest } from "../../../utils/staff-access"
import { refetchSale, tenderAnswer } from "../../helpers"
import type { TerminalAddTenderType } from "../../validators"

/** Takes a tender; the same idempotency_key again returns the first answer and takes nothing. */
export const POST = async (req: TerminalRequest<TerminalAddTenderType>, res: MedusaResponse) => {
  const { result } = await addTenderWorkflow(req.scope).run({
    input: {
      ...req.validatedBody,
      sale_id: req.params.id,
      store_id: req.membership!.store_id,
      staff_id: req.staff!.id,
      request_id: req.requestId,
    },
  })
  res.json({
    tender: tenderAnswer(result.tender),
    replayed: result.replayed,
    sale: await refetchSale(req.scope, req.params.id),
  })
}
