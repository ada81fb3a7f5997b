import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { StaffRole } from "../../modules/pos/models/staff-membership"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { upsertStaffMembershipStep } from "./steps/upsert-staff-membership"

export const setStaffMembershipWorkflowId = "set-pos-staff-membership"

export type SetStaffMembershipWorkflowInput = {
  store_id: string
  staff_id: string
  role: StaffRole
  pin?: string
  actor_id: string
  request_id?: string
}

/** Adds a staff member to a store, or changes their role or PIN there. */
export const setStaffMembershipWorkflow = createWorkflow(
  setStaffMembershipWorkflowId,
  (input: SetStaffMembershipWorkflowInput) => {
    const result = upsertStaffMembershipStep({
      store_id: input.store_id,
      staff_id: input.staff_id,
      role: input.role,
      pin: input.pin,
    })
    createAuditLogStep(
      transform({ input, result }, ({ input, result }) => [
        {
          actor_type: "user" as const,
          actor_id: input.actor_id,
          store_id: input.store_id,
          action: result.created ? "staff.membership_added" : "staff.membership_changed",
          resource_type: "pos_staff",
          resource_id: input.staff_id,
          request_id: input.request_id ?? null,
          data: { role: input.role, pin_changed: result.pin_changed },
        },
      ])
    )
    return new WorkflowResponse(result.membership)
  }
)
