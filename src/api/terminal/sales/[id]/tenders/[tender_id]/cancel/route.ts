import type { MedusaResponse } from "@medusajs/framework/http"
import { CREDIT_TENDER_TYPES } from "../../../../../../../modules/pos/models/tender"
import { removeCreditTenderWorkflow } from "../../../../../../../workflows/sale/remove-credit-tender"
import { settleCardTenderWorkflow } from "../../../../../../../workflows/sale/settle-card-tender"
import type { TerminalRequest } from "../../../../../utils/staff-access"
import { refetchSale, tenderAnswer } from "../../../../helpers"
import { tenderOfSale } from "../helpers"

/**
 * Cancels a card tender waiting on the reader (or authorized on an open sale): the reader stops,
 * nothing is charged. A gift card or store credit tender is taken off the open sale (its credit line
 * removed; nothing was debited yet).
 */
export const POST = async (req: TerminalRequest, res: MedusaResponse) => {
  const found = await tenderOfSale(req)
  if (CREDIT_TENDER_TYPES.includes(found.type)) {
    const { result } = await removeCreditTenderWorkflow(req.scope).run({
      input: { sale_id: req.params.id, tender_id: found.id, store_id: req.membership!.store_id, staff_id: req.staff!.id, request_id: req.requestId },
    })
    return res.json({ tender: tenderAnswer(result), sale: await refetchSale(req.scope, req.params.id) })
  }
  const { result } = await settleCardTenderWorkflow(req.scope).run({
    input: {
      sale_id: req.params.id,
      tender_id: found.id,
      action: "cancel",
      via: "till",
      staff_id: req.staff!.id,
      refusal: "The card payment could not be canceled",
    },
  })
  res.json({ tender: tenderAnswer(result.tender), sale: await refetchSale(req.scope, req.params.id) })
}
