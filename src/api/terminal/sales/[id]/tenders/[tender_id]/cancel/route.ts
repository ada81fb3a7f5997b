import type { MedusaResponse } from "@medusajs/framework/http"
import { settleCardTenderWorkflow } from "../../../../../../../workflows/sale/settle-card-tender"
import type { TerminalRequest } from "../../../../../utils/staff-access"
import { refetchSale, tenderAnswer } from "../../../../helpers"
import { tenderOfSale } from "../helpers"

/** Cancels a card tender waiting on the reader (or authorized on an open sale): the reader stops, nothing is charged. */
export const POST = async (req: TerminalRequest, res: MedusaResponse) => {
  const found = await tenderOfSale(req)
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
