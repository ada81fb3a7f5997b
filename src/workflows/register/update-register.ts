import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { updateRegisterStep, type UpdateRegisterInput } from "./steps/update-register"

export const updateRegisterWorkflowId = "update-pos-register"

export const updateRegisterWorkflow = createWorkflow(
  updateRegisterWorkflowId,
  (input: UpdateRegisterInput & { actor_id: string; request_id?: string }) => {
    const update = transform({ input }, ({ input }) => {
      const { actor_id, request_id, ...rest } = input
      return rest
    })
    const register = updateRegisterStep(update)
    createAuditLogStep(
      transform({ input, update }, ({ input, update }) => [
        {
          actor_type: "user" as const,
          actor_id: input.actor_id,
          store_id: input.store_id,
          action: "register.updated",
          resource_type: "pos_register",
          resource_id: input.id,
          request_id: input.request_id ?? null,
          data: { ...update, store_id: undefined, id: undefined },
        },
      ])
    )
    return new WorkflowResponse(register)
  }
)
