import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { closeShiftStep, type CloseShiftInput } from "./steps/close-shift"

export const closeShiftWorkflowId = "close-pos-shift"

/** Closes a shift with the counted cash: expected, counted and variance are kept on the shift. */
export const closeShiftWorkflow = createWorkflow(
  closeShiftWorkflowId,
  (input: CloseShiftInput & { store_id: string; request_id?: string }) => {
    const result = closeShiftStep({
      shift_id: input.shift_id,
      counted_cash: input.counted_cash,
      closed_by: input.closed_by,
      approved_by: input.approved_by,
    })
    createAuditLogStep(
      transform({ input, result }, ({ input, result }) => [
        {
          actor_type: "staff" as const,
          actor_id: input.closed_by,
          store_id: input.store_id,
          action: "shift.closed",
          resource_type: "pos_shift",
          resource_id: input.shift_id,
          approved_by: result.shift.variance_approved_by,
          request_id: input.request_id ?? null,
          data: {
            expected_cash: result.plan.expected_cash,
            counted_cash: result.plan.counted_cash,
            variance: result.plan.variance,
          },
        },
      ])
    )
    emitEventStep({
      eventName: "pos.shift.closed",
      data: transform({ input, result }, ({ input, result }) => ({
        id: input.shift_id,
        store_id: input.store_id,
        variance: result.plan.variance,
      })),
    })
    return new WorkflowResponse(result)
  }
)
