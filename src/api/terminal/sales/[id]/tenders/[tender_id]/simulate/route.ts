import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../../../modules/pos"
import type PosModuleService from "../../../../../../../modules/pos/service"
import { settleCardTenderWorkflow } from "../../../../../../../workflows/sale/settle-card-tender"
import { callStripe, terminalStripe } from "../../../../../../../workflows/sale/utils/card-tender"
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
    const { result } = await settleCardTenderWorkflow(req.scope).run({
      input: { sale_id: req.params.id, tender_id: waiting.id, action: "simulate", outcome, via: "till", staff_id: req.staff!.id },
    })
    return res.json({ tender: tenderAnswer(result.tender), sale: await refetchSale(req.scope, req.params.id) })
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
  const { result } = await settleCardTenderWorkflow(req.scope).run({
    input: { sale_id: req.params.id, tender_id: found.id, action: "refresh", via: "poll" },
  })
  res.json({ tender: tenderAnswer(result.tender), sale: await refetchSale(req.scope, req.params.id) })
}
