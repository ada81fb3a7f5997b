import type { MedusaResponse } from "@medusajs/framework/http"
import { recordCardOutcome } from "../../../../../../../workflows/sale/utils/card-outcome"
import { callStripe, settleCardTender } from "../../../../../../../workflows/sale/utils/card-tender"
import { withSaleLock } from "../../../../../../../workflows/sale/utils/sale-lock"
import type { TerminalRequest } from "../../../../../utils/staff-access"
import { refetchSale, tenderAnswer } from "../../../../helpers"
import { tenderOfSale } from "../helpers"

/**
 * Brings a card tender still on the reader up to date with Stripe: the
 * fallback when no webhook arrives (the till asks this while it waits). A
 * tender that is settled already, or a cash tender, is answered as it is.
 */
export const POST = async (req: TerminalRequest, res: MedusaResponse) => {
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
