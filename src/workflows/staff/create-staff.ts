import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { createStaffLoginStep } from "./steps/create-staff-login"
import { createStaffStep } from "./steps/create-staff"

export const createStaffWorkflowId = "create-pos-staff"

export type CreateStaffWorkflowInput = {
  email: string
  password: string
  first_name: string
  last_name: string
  /** who creates them: an admin user */
  actor_id: string
  request_id?: string
}

/** Creates a staff member with their login (actor type `staff`). */
export const createStaffWorkflow = createWorkflow(createStaffWorkflowId, (input: CreateStaffWorkflowInput) => {
  const staff = createStaffStep({
    email: input.email,
    first_name: input.first_name,
    last_name: input.last_name,
  })
  createStaffLoginStep({ staff_id: staff.id, email: input.email, password: input.password })

  createAuditLogStep(
    transform({ input, staff }, ({ input, staff }) => [
      {
        actor_type: "user" as const,
        actor_id: input.actor_id,
        action: "staff.created",
        resource_type: "pos_staff",
        resource_id: staff.id,
        request_id: input.request_id ?? null,
        data: { email: staff.email },
      },
    ])
  )
  emitEventStep({ eventName: "pos.staff.created", data: { id: staff.id } })
  return new WorkflowResponse(staff)
})
