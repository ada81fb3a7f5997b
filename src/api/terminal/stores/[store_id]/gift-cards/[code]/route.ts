import type { MedusaResponse } from "@medusajs/framework/http"
import { giftCardByCode } from "../../../../../../workflows/loyalty/utils/loyalty"
import { recordAudit } from "../../../../../utils/audit"
import type { TerminalRequest } from "../../../../utils/staff-access"

/**
 * A gift card's balance by its code, typed or scanned (docs/customers.md). Answers the masked code,
 * never the whole one. Every check leaves an audit row with the masked code, so a run of guesses shows.
 */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  let card: Awaited<ReturnType<typeof giftCardByCode>> | null = null
  try {
    card = await giftCardByCode(req.scope, req.params.code)
  } finally {
    await recordAudit(req, {
      actor_type: "staff",
      actor_id: req.staff!.id,
      store_id: req.params.store_id,
      action: card ? "gift_card.balance_checked" : "gift_card.balance_check_failed",
      resource_type: "gift_card",
      resource_id: card?.id ?? null,
      data: card ? { code: card.masked_code } : {},
    })
  }
  res.json({
    gift_card: {
      id: card.id,
      code: card.masked_code,
      status: card.status,
      currency_code: card.currency_code,
      value: card.value,
      balance: card.balance,
      expires_at: card.expires_at,
      expired: card.expired,
    },
  })
}
