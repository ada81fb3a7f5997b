import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { updateStaffStep, type UpdateStaffInput } from "./steps/update-staff"

export const updateStaffWorkflowId = "update-pos-staff"

/** Renames a staff member, or deactivates them: a deactivated member's tokens stop working at once. */
export const updateStaffWorkflow = createWorkflow(
  updateStaffWorkflowId,
  (input: UpdateStaffInput & { actor_id: string; request_id?: string }) => {
    const update = transform({ input }, ({ input }) => {
      const { actor_id, request_id, ...rest } = input
      return rest
    })
    const staff = updateStaffStep(update)
    createAuditLogStep(
      transform({ input }, ({ input }) => [
        {
          actor_type: "user" as const,
          actor_id: input.actor_id,
          action: input.is_active === false ? "staff.deactivated" : "staff.updated",
          resource_type: "pos_staff",
          resource_id: input.id,
          request_id: input.request_id ?? null,
          data: { first_name: input.first_name, last_name: input.last_name, is_active: input.is_active },
        },
      ])
    )
    return new WorkflowResponse(staff)
  }
)
