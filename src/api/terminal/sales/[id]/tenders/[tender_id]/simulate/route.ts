import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../../../modules/pos"
import type PosModuleService from "../../../../../../../modules/pos/service"
import { withSaleLock } from "../../../../../../../workflows/sale/utils/sale-lock"
import { recordCardOutcome } from "../../../../../../../workflows/sale/utils/card-outcome"
import {
  callStripe,
  settleCardTender,
  settleSimulatedCardTender,
  terminalStripe,
} from "../../../../../../../workflows/sale/utils/card-tender"
import { isSimulatedReader } from "../../../../../../../modules/pos/utils/simulated-reader"
import type { TerminalRequest } from "../../../../../utils/staff-access"
import { refetchSale, tenderAnswer } from "../../../../helpers"
import { tenderOfSale } from "../helpers"
import type { TerminalSimulateTenderType } from "../../../../validators"

/**
 * A card tapped without a card:
 * - on the plugin's simulated reader (reader_id "simulated", plugin option
 *   `simulated_reader`): `{outcome: "approved" | "declined"}` settles the
 *   tender at once; no money moves;
 * - on a Stripe simulated reader, in Stripe test mode only (a `sk_test_` key):
 *   Stripe's test card is presented on it, so a rehearsal needs no hardware.
 */
export const POST = async (req: TerminalRequest<TerminalSimulateTenderType>, res: MedusaResponse) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const waiting = await tenderOfSale(req)
  if (isSimulatedReader(waiting.reader_id)) {
    const outcome = req.validatedBody?.outcome ?? "approved"
    const tender = await withSaleLock(req.scope, req.params.id, async () => {
      const settled = await settleSimulatedCardTender(req.scope, waiting.id, outcome)
      await recordCardOutcome(req.scope, settled, "till", req.staff!.id)
      return settled
    })
    return res.json({ tender: tenderAnswer(tender), sale: await refetchSale(req.scope, req.params.id) })
  }
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
