import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStaffWorkflow } from "../../../../workflows/staff/create-staff"
import { refetchPosStaff } from "./helpers"
import type { AdminCreatePosStaffType, AdminGetPosStaffParamsType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest<AdminGetPosStaffParamsType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: staff, metadata } = await query.graph({
    entity: "pos_staff",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({ staff, count: metadata?.count ?? staff.length, offset: metadata?.skip ?? 0, limit: metadata?.take ?? staff.length })
}

/** Creates a staff member who signs in at POST /auth/staff/emailpass. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreatePosStaffType>, res: MedusaResponse) => {
  const { result } = await createStaffWorkflow(req.scope).run({
    input: { ...req.validatedBody, actor_id: req.auth_context.actor_id, request_id: req.requestId },
  })
  res.json({ staff: await refetchPosStaff(req.scope, result.id) })
}
