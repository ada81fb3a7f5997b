import type { MedusaResponse } from "@medusajs/framework/http"
import { withSaleLock } from "../../../../../../workflows/sale/steps/add-tender"
import { callStripe, settleCardTender } from "../../../../../../workflows/sale/utils/card-tender"
import type { TerminalRequest } from "../../../../utils/staff-access"
import { refetchSale, tenderAnswer } from "../../../helpers"
import { recordCardOutcome } from "../../../../../../workflows/sale/utils/card-outcome"
import { tenderOfSale } from "./helpers"

/**
 * A tender; a card tender still on the reader is first brought up to date
 * with Stripe (the fallback when no webhook arrives): the till polls this.
 */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  let tender = await tenderOfSale(req)
  if (tender.type === "card" && tender.status === "pending") {
    tender = await withSaleLock(req.scope, req.params.id, async () => {
      const settled = await callStripe("The card payment could not be checked", () => settleCardTender(req.scope, tender.id))
      if (settled.changed) {
        await recordCardOutcome(req.scope, settled.tender, "poll")
      }
      return settled.tender
    })
  }
  res.json({ tender: tenderAnswer(tender), sale: await refetchSale(req.scope, req.params.id) })
}
