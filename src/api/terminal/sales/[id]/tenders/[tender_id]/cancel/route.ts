import type { MedusaResponse } from "@medusajs/framework/http"
import { withSaleLock } from "../../../../../../../workflows/sale/utils/sale-lock"
import { callStripe, cancelCardTender } from "../../../../../../../workflows/sale/utils/card-tender"
import { recordCardOutcome } from "../../../../../../../workflows/sale/utils/card-outcome"
import type { TerminalRequest } from "../../../../../utils/staff-access"
import { refetchSale, tenderAnswer } from "../../../../helpers"
import { tenderOfSale } from "../helpers"

/** Cancels a card tender waiting on the reader (or authorized on an open sale): the reader stops, nothing is charged. */
export const POST = async (req: TerminalRequest, res: MedusaResponse) => {
  const found = await tenderOfSale(req)
  const tender = await withSaleLock(req.scope, req.params.id, async () => {
    const canceled = await callStripe("The card payment could not be canceled", () => cancelCardTender(req.scope, found.id))
    await recordCardOutcome(req.scope, canceled, "till", req.staff!.id)
    return canceled
  })
  res.json({ tender: tenderAnswer(tender), sale: await refetchSale(req.scope, req.params.id) })
}
