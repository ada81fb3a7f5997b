import type { MedusaResponse } from "@medusajs/framework/http"
import { POS_MODULE } from "../../../../modules/pos"
import type PosModuleService from "../../../../modules/pos/service"
import { recordAudit } from "../../../utils/audit"
import { oneEntryAtATime, refusePin } from "../../utils/pin-entry"
import { loadStoreMembership, type TerminalRequest } from "../../utils/staff-access"
import type { TerminalVerifyPinType } from "./validators"

/**
 * A manager enters their PIN on this terminal to approve one action of the
 * signed-in staff member. The approval is short-lived, single use, and bound to
 * the store, the requester and the action. Wrong PINs lock PIN entry for the
 * requester after a few tries (429).
 */
export const POST = async (req: TerminalRequest<TerminalVerifyPinType>, res: MedusaResponse) => {
  const { store_id, pin, action } = req.validatedBody
  await loadStoreMembership(req, store_id)

  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const result = await oneEntryAtATime(req, store_id, () =>
    pos.approveWithPin({ store_id, requested_by: req.staff!.id, pin, action })
  )
  if (result.status !== "approved") {
    return refusePin(req, res, { store_id, for_action: action, who: `no manager of store ${store_id}` }, result)
  }
  await recordAudit(req, {
    actor_type: "staff",
    actor_id: req.staff!.id,
    store_id,
    action: "pin.approved",
    resource_type: "pos_approval",
    resource_id: result.approval.id,
    approved_by: result.approval.approved_by,
    data: { for_action: action },
  })
  res.json({ approval: result.approval })
}
