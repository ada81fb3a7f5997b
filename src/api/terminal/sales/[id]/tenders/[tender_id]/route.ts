import type { MedusaResponse } from "@medusajs/framework/http"
import type { TerminalRequest } from "../../../../utils/staff-access"
import { refetchSale, tenderAnswer } from "../../../helpers"
import { tenderOfSale } from "./helpers"

/**
 * A tender as the server has it; reading it changes nothing. A card on the
 * reader is settled by Stripe's webhook, or by POST …/refresh, which asks Stripe.
 */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const tender = await tenderOfSale(req)
  res.json({ tender: tenderAnswer(tender), sale: await refetchSale(req.scope, req.params.id) })
}
