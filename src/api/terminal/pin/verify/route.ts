import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../modules/pos"
import type PosModuleService from "../../../../modules/pos/service"
import { recordAudit } from "../../../utils/audit"
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
  // One PIN entry at a time per requester: parallel guesses cannot outrun the lockout count.
  const result = await req.scope
    .resolve(Modules.LOCKING)
    .execute(`pos:pin:${store_id}:${req.staff!.id}`, () =>
      pos.approveWithPin({ store_id, requested_by: req.staff!.id, pin, action })
    )

  if (result.status === "approved") {
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
    return res.json({ approval: result.approval })
  }

  await recordAudit(req, {
    actor_type: "staff",
    actor_id: req.staff!.id,
    store_id,
    action: result.status === "locked" ? "pin.locked" : "pin.rejected",
    data: { for_action: action },
  })
  if (result.status === "locked") {
    const seconds = Math.max(1, Math.ceil((result.locked_until.getTime() - Date.now()) / 1000))
    res.setHeader("Retry-After", String(seconds))
    return res.status(429).json({
      type: "too_many_attempts",
      message: `Too many wrong PINs: PIN approval is locked for staff member ${req.staff!.id} at store ${store_id} until ${result.locked_until.toISOString()}`,
      locked_until: result.locked_until,
    })
  }
  throw new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `pin: no manager of store ${store_id} has this PIN (${result.attempts_left} attempt(s) left before PIN entry locks)`
  )
}
