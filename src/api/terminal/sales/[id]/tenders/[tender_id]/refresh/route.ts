import type { MedusaResponse } from "@medusajs/framework/http"
import { settleCardTenderWorkflow } from "../../../../../../../workflows/sale/settle-card-tender"
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
    const { result } = await settleCardTenderWorkflow(req.scope).run({
      input: { sale_id: req.params.id, tender_id: tender.id, action: "refresh", via: "poll", refusal: "The card payment could not be checked" },
    })
    tender = result.tender
  }
  res.json({ tender: tenderAnswer(tender), sale: await refetchSale(req.scope, req.params.id) })
}
