import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { removeStaffMembershipWorkflow } from "../../../../../../../workflows/staff/remove-staff-membership"

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await removeStaffMembershipWorkflow(req.scope).run({
    input: {
      store_id: req.params.id,
      staff_id: req.params.staff_id,
      actor_id: req.auth_context.actor_id,
      request_id: req.requestId,
    },
  })
  res.json({ id: result.id, object: "pos_staff_membership", deleted: true })
}
