import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { addCashMovementStep, type AddCashMovementInput } from "./steps/add-cash-movement"

export const addCashMovementWorkflowId = "add-pos-cash-movement"

/** Cash in (positive amount) or out (negative) of an open shift's drawer. */
export const addCashMovementWorkflow = createWorkflow(
  addCashMovementWorkflowId,
  (input: AddCashMovementInput & { store_id: string; request_id?: string }) => {
    const movement = addCashMovementStep({
      shift_id: input.shift_id,
      amount: input.amount,
      reason: input.reason,
      staff_id: input.staff_id,
      approved_by: input.approved_by,
    })
    createAuditLogStep(
      transform({ input, movement }, ({ input, movement }) => [
        {
          actor_type: "staff" as const,
          actor_id: input.staff_id,
          store_id: input.store_id,
          action: input.amount < 0 ? "shift.cash_out" : "shift.cash_in",
          resource_type: "pos_shift",
          resource_id: input.shift_id,
          approved_by: input.approved_by,
          request_id: input.request_id ?? null,
          data: { cash_movement_id: movement.id, amount: input.amount, reason: input.reason },
        },
      ])
    )
    return new WorkflowResponse(movement)
  }
)
