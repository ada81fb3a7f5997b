import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { settleCardTenderWorkflow } from "../../../workflows/sale/settle-card-tender"
import { terminalStripe } from "../../../workflows/sale/utils/card-tender"

const READER_EVENTS = ["terminal.reader.action_succeeded", "terminal.reader.action_failed"]

/**
 * Stripe Terminal's reader results. The signature is checked against the
 * endpoint's signing secret (a forged or altered event is refused with 400 and
 * changes nothing); the tender is then settled from Stripe's own state, the
 * same way a poll does, so a late, repeated or racing delivery changes nothing.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const secret = pos.settings.stripe_terminal.webhook_secret
  if (!secret) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Stripe Terminal webhooks are not configured (STRIPE_TERMINAL_WEBHOOK_SECRET)")
  }
  const signature = req.headers["stripe-signature"]
  const raw = (req as MedusaRequest & { rawBody?: Buffer }).rawBody
  let event: Stripe.Event
  try {
    event = terminalStripe(req.scope).webhooks.constructEvent(raw ?? "", String(signature ?? ""), secret)
  } catch (error: any) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Webhook signature check failed: ${error?.message ?? error}`)
  }
  if (!READER_EVENTS.includes(event.type)) {
    return res.json({ received: true, handled: false })
  }
  const reader = event.data.object as Stripe.Terminal.Reader
  const paymentIntentId = reader.action?.process_payment_intent?.payment_intent
  const [tender] = paymentIntentId
    ? await pos.listPosTenders({ payment_intent_id: String(paymentIntentId) }, { select: ["id", "sale_id"] })
    : []
  if (!tender) {
    return res.json({ received: true, handled: false })
  }
  const { result: settled } = await settleCardTenderWorkflow(req.scope).run({
    input: { sale_id: (tender as any).sale_id, tender_id: tender.id, action: "refresh", via: "webhook" },
  })
  res.json({ received: true, handled: true, tender: { id: settled.tender.id, status: settled.tender.status } })
}
