import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { capturePickupPaymentsStep, issuePickupCodeStep, loadStoreTaskStep } from "./steps/task-steps"
import { taskAuditEntry } from "./utils/tasks"

export const readyPickupWorkflowId = "ready-pos-pickup"

/**
 * A picked pickup order is packed and waits for the customer, under the task's lock: a pickup
 * code sent to the customer (only its hash is kept), the hold's expiry, `pickup.ready`. On a
 * pickup already ready it sends a new code (lost message, locked check-in): no event then. The
 * answer carries whether the message went out, never the code.
 */
export const readyPickupWorkflow = createWorkflow(readyPickupWorkflowId, (input: { task_id: string; staff_id: string }) => {
  const lockKey = transform({ input }, ({ input }) => `pos:task:${input.task_id}`)
  acquireLockStep({ key: lockKey, timeout: 10, ttl: 120 })
  const task = loadStoreTaskStep(transform({ input }, ({ input }) => ({ task_id: input.task_id, action: "ready" as const })))
  const issued = issuePickupCodeStep({ task })
  createAuditLogStep(
    transform({ input, issued }, ({ input, issued }) => taskAuditEntry(issued.task, input.staff_id, issued.reissued ? "pickup.code_reissued" : "pickup.ready", { expires_at: issued.task.expires_at }))
    // the customer has the new code by now: a failed audit row must not put the old one back
  ).config({ continueOnPermanentFailure: true })
  when("pos-pickup-first-ready", { issued }, ({ issued }) => !issued.reissued).then(() => {
    emitEventStep({
      eventName: "pickup.ready",
      data: transform({ issued }, ({ issued }) => ({ id: issued.task.id, order_id: issued.task.order_id, store_id: issued.task.store_id })),
    })
  })
  // the retailer may take the money when the order is ready (`pickup.capture: "ready"`): after the
  // code went out, a refused capture is logged, the pickup stays ready, and the hand-over captures it
  when("pos-pickup-capture-at-ready", { issued }, ({ issued }) => !issued.reissued).then(() => {
    capturePickupPaymentsStep(
      transform({ input, issued }, ({ input, issued }) => ({ order_id: issued.task.order_id as string, staff_id: input.staff_id, at: "ready" as const }))
    ).config({ continueOnPermanentFailure: true })
  })
  releaseLockStep({ key: lockKey }).config({ continueOnPermanentFailure: true })
  return new WorkflowResponse(transform({ issued }, ({ issued }) => ({ task: issued.task, customer_notified: issued.customer_notified })))
})
