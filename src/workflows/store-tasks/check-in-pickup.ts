import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { checkInCodeStep, updateStoreTaskStep } from "./steps/task-steps"
import { taskAuditEntry } from "./utils/tasks"

export const checkInPickupWorkflowId = "check-in-pos-pickup"

export type CheckInPickupInput = { order_id: string; pickup_code: string; note?: string }

/**
 * Curbside: the customer says they are outside, with the pickup code (and a note such as the
 * parking spot); the store's queue shows them first (`pickup.arrived`). Wrong codes are counted
 * atomically and stop the check-in after five (checkInCodeStep).
 */
export const checkInPickupWorkflow = createWorkflow(checkInPickupWorkflowId, (input: CheckInPickupInput) => {
  const checked = checkInCodeStep(transform({ input }, ({ input }) => ({ order_id: input.order_id, pickup_code: input.pickup_code })))
  const task = updateStoreTaskStep(
    transform({ input, checked }, ({ input, checked }) => ({ id: checked.task.id as string, arrived_at: new Date(), arrival_note: input.note ?? null }))
  )
  createAuditLogStep(
    transform({ input, checked }, ({ input, checked }) => taskAuditEntry(checked.task, null, "pickup.arrived", { note: input.note ?? null }))
  )
  emitEventStep({
    eventName: "pickup.arrived",
    data: transform({ checked }, ({ checked }) => ({ id: checked.task.id, order_id: checked.task.order_id, store_id: checked.task.store_id })),
  })
  return new WorkflowResponse(transform({ task, checked }, ({ task, checked }) => ({ task, store: checked.store })))
})
