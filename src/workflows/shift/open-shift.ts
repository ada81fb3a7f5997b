import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { openShiftStep, type OpenShiftInput } from "./steps/open-shift"

export const openShiftWorkflowId = "open-pos-shift"

export const openShiftWorkflow = createWorkflow(
  openShiftWorkflowId,
  (input: OpenShiftInput & { request_id?: string }) => {
    const shift = openShiftStep({
      store_id: input.store_id,
      register_id: input.register_id,
      opening_float: input.opening_float,
      opened_by: input.opened_by,
    })
    createAuditLogStep(
      transform({ input, shift }, ({ input, shift }) => [
        {
          actor_type: "staff" as const,
          actor_id: input.opened_by,
          store_id: input.store_id,
          action: "shift.opened",
          resource_type: "pos_shift",
          resource_id: shift.id,
          request_id: input.request_id ?? null,
          data: { register_id: input.register_id, opening_float: input.opening_float },
        },
      ])
    )
    emitEventStep({ eventName: "pos.shift.opened", data: { id: shift.id } })
    return new WorkflowResponse(shift)
  }
)
