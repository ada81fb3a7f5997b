import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { StaffRole } from "../../../../../../modules/pos/models/staff-membership"
import { setStaffMembershipWorkflow } from "../../../../../../workflows/staff/set-staff-membership"
import { refetchPosStore } from "../../helpers"
import type { AdminSetPosStoreMemberType } from "../../validators"

const membershipFields = [
  "id",
  "role",
  "pin_locked_until",
  "created_at",
  "staff.id",
  "staff.email",
  "staff.first_name",
  "staff.last_name",
  "staff.is_active",
]

/** The store's staff and their roles; whether a PIN is set, never the PIN. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetchPosStore(req.scope, req.params.id, ["id"])
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "pos_staff_membership",
    fields: [...membershipFields, "pin_hash"],
    filters: { store_id: req.params.id },
  })
  res.json({
    members: data.map(({ pin_hash, ...member }: any) => ({ ...member, has_pin: !!pin_hash })),
  })
}

/** Adds a staff member to the store, or changes their role or PIN there. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSetPosStoreMemberType>, res: MedusaResponse) => {
  const { result } = await setStaffMembershipWorkflow(req.scope).run({
    input: {
      store_id: req.params.id,
      staff_id: req.validatedBody.staff_id,
      role: req.validatedBody.role as StaffRole,
      pin: req.validatedBody.pin,
      actor_id: req.auth_context.actor_id,
      request_id: req.requestId,
    },
  })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "pos_staff_membership",
    fields: membershipFields,
    filters: { id: result.id },
  })
  res.json({ member: data[0] })
}
