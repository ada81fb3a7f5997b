import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateStaffWorkflow } from "../../../../../workflows/staff/update-staff"
import { refetchPosStaff } from "../helpers"
import type { AdminUpdatePosStaffType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ staff: await refetchPosStaff(req.scope, req.params.id, req.queryConfig.fields) })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdatePosStaffType>, res: MedusaResponse) => {
  await updateStaffWorkflow(req.scope).run({
    input: { id: req.params.id, ...req.validatedBody, actor_id: req.auth_context.actor_id, request_id: req.requestId },
  })
  res.json({ staff: await refetchPosStaff(req.scope, req.params.id) })
}
