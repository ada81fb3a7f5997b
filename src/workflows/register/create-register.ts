import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { createRegisterStep } from "./steps/create-register"

export const createRegisterWorkflowId = "create-pos-register"

export const createRegisterWorkflow = createWorkflow(
  createRegisterWorkflowId,
  (input: { store_id: string; name: string; stripe_reader_id?: string | null; actor_id: string; request_id?: string }) => {
    const register = createRegisterStep({
      store_id: input.store_id,
      name: input.name,
      stripe_reader_id: input.stripe_reader_id,
    })
    createAuditLogStep(
      transform({ input, register }, ({ input, register }) => [
        {
          actor_type: "user" as const,
          actor_id: input.actor_id,
          store_id: input.store_id,
          action: "register.created",
          resource_type: "pos_register",
          resource_id: register.id,
          request_id: input.request_id ?? null,
          data: { name: register.name, stripe_reader_id: register.stripe_reader_id },
        },
      ])
    )
    return new WorkflowResponse(register)
  }
)
