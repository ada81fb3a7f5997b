import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { removeStaffMembershipStep } from "./steps/remove-staff-membership"

export const removeStaffMembershipWorkflowId = "remove-pos-staff-membership"

/** Takes a staff member out of a store: their token no longer opens it. */
export const removeStaffMembershipWorkflow = createWorkflow(
  removeStaffMembershipWorkflowId,
  (input: { store_id: string; staff_id: string; actor_id: string; request_id?: string }) => {
    const membershipId = removeStaffMembershipStep({ store_id: input.store_id, staff_id: input.staff_id })
    createAuditLogStep(
      transform({ input }, ({ input }) => [
        {
          actor_type: "user" as const,
          actor_id: input.actor_id,
          store_id: input.store_id,
          action: "staff.membership_removed",
          resource_type: "pos_staff",
          resource_id: input.staff_id,
          request_id: input.request_id ?? null,
        },
      ])
    )
    return new WorkflowResponse({ id: membershipId, deleted: true })
  }
)
