import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../../modules/pos"
import type PosModuleService from "../../../../../../modules/pos/service"
import { callStripe, terminalStripe } from "../../../../../../workflows/sale/utils/card-tender"
import type { TerminalRequest } from "../../../../utils/staff-access"

/**
 * A Stripe Terminal connection token for the browser SDK (@stripe/terminal-js),
 * scoped to the store's Terminal location: for shops that drive readers from
 * the POS page instead of from the server.
 */
export const POST = async (req: TerminalRequest, res: MedusaResponse) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const store = await pos.retrievePosStore(req.params.store_id, { select: ["id", "name", "stripe_location_id"] })
  if (!store.stripe_location_id) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Store ${store.name} has no Stripe Terminal location; set its stripe_location_id first`
    )
  }
  const token = await callStripe("No connection token", () =>
    terminalStripe(req.scope).terminal.connectionTokens.create({ location: store.stripe_location_id! })
  )
  res.json({ secret: token.secret, location: store.stripe_location_id })
}
