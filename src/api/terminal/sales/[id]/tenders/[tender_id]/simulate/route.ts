import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../../../modules/pos"
import type PosModuleService from "../../../../../../../modules/pos/service"
import { withSaleLock } from "../../../../../../../workflows/sale/utils/sale-lock"
import { recordCardOutcome } from "../../../../../../../workflows/sale/utils/card-outcome"
import { callStripe, settleCardTender, terminalStripe } from "../../../../../../../workflows/sale/utils/card-tender"
import type { TerminalRequest } from "../../../../../utils/staff-access"
import { refetchSale, tenderAnswer } from "../../../../helpers"
import { tenderOfSale } from "../helpers"

/**
 * Test mode only (a `sk_test_` key): taps a test card on a simulated reader
 * for a card tender waiting on it, so a demo or a rehearsal needs no hardware.
 */
export const POST = async (req: TerminalRequest, res: MedusaResponse) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  if (!pos.settings.stripe_terminal.api_key?.startsWith("sk_test_")) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Simulated card taps exist in Stripe test mode only (a sk_test_ key)")
  }
  const found = await tenderOfSale(req)
  if (found.type !== "card" || found.status !== "pending" || !found.reader_id) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Tender ${found.id} is not a card waiting on a reader`)
  }
  await callStripe("The simulated tap failed", () =>
    terminalStripe(req.scope).testHelpers.terminal.readers.presentPaymentMethod(found.reader_id!)
  )
  const tender = await withSaleLock(req.scope, req.params.id, async () => {
    const settled = await settleCardTender(req.scope, found.id)
    if (settled.changed) {
      await recordCardOutcome(req.scope, settled.tender, "poll")
    }
    return settled.tender
  })
  res.json({ tender: tenderAnswer(tender), sale: await refetchSale(req.scope, req.params.id) })
}
