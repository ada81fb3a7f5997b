import type { MedusaResponse } from "@medusajs/framework/http"
import { POS_MODULE } from "../../../../modules/pos"
import type PosModuleService from "../../../../modules/pos/service"
import { recordAudit } from "../../../utils/audit"
import { oneEntryAtATime, refusePin } from "../../utils/pin-entry"
import { loadStoreMembership, type TerminalRequest } from "../../utils/staff-access"
import { staffTokenFor } from "../../utils/staff-token"
import type { TerminalSwitchStaffType } from "./validators"

/**
 * PIN quick switch: on a till signed in by a member of the store, another
 * active member of that store takes over by entering their own PIN, and gets a
 * staff token of their own (as if they had signed in with their password).
 * Wrong PINs count against the signed-in member, with the manager PIN's lockout
 * (their own PIN does not reset the count). The token opens that store only.
 */
export const POST = async (req: TerminalRequest<TerminalSwitchStaffType>, res: MedusaResponse) => {
  const { store_id, pin } = req.validatedBody
  await loadStoreMembership(req, store_id)

  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const result = await oneEntryAtATime(req, store_id, () =>
    pos.switchWithPin({ store_id, requested_by: req.staff!.id, pin })
  )
  if (result.status !== "switched") {
    return refusePin(req, res, { store_id, for_action: "staff.switch", who: `no member of store ${store_id}` }, result)
  }
  const [staff] = await pos.listPosStaffs(
    { id: result.staff_id, is_active: true },
    { select: ["id", "email", "first_name", "last_name"] }
  )
  const token = await staffTokenFor(req.scope, staff, store_id)
  await recordAudit(req, {
    actor_type: "staff",
    actor_id: staff.id,
    store_id,
    action: "staff.switched",
    resource_type: "pos_staff",
    resource_id: staff.id,
    data: { from_staff_id: req.staff!.id },
  })
  res.json({ token, staff })
}
