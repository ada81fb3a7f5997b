import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, createOrderFulfillmentWorkflow, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { perLine } from "../../lib/order-lines"
import { StoreTaskStatus } from "../../modules/pos/models/store-task"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { capturePickupPaymentsStep, checkPickupCodeStep, parkOtherReservationsStep, unparkReservationsStep, deliverOrderFulfillmentsStep, loadStoreTaskStep, updateStoreTaskStep } from "./steps/task-steps"
import { linesOf, taskAuditEntry } from "./utils/tasks"

export const collectPickupWorkflowId = "collect-pos-pickup"

export type CollectPickupInput = { task_id: string; staff_id: string; pickup_code?: string; receipt_code?: string }

/**
 * Hands a ready pickup over against its code (or, for an order sold at a till, its receipt), under
 * the task's lock: the lines from this store's shelf fulfilled here by Medusa's
 * createOrderFulfillmentWorkflow (under the order's lock), the order's authorized payments
 * captured (`pickup.capture` "collect", the default; a refused capture undoes the fulfilment), the
 * task collected and audited, then, last, every fulfilment of the order (with the transfers sent
 * here) marked delivered by Medusa's delivery workflow: a delivery that fails is logged and
 * never takes the hand-over back. A wrong code is refused and audited.
 */
export const collectPickupWorkflow = createWorkflow(collectPickupWorkflowId, (input: CollectPickupInput) => {
  const lockKey = transform({ input }, ({ input }) => `pos:task:${input.task_id}`)
  acquireLockStep({ key: lockKey, timeout: 10, ttl: 120 })
  const task = loadStoreTaskStep(transform({ input }, ({ input }) => ({ task_id: input.task_id, action: "collect" as const })))
  checkPickupCodeStep(
    transform({ input, task }, ({ input, task }) => ({ task, pickup_code: input.pickup_code, receipt_code: input.receipt_code, staff_id: input.staff_id }))
  )

  const items = transform({ task }, ({ task }) =>
    perLine(
      linesOf(task)
        .filter((l) => !l.from_node_id && l.picked > 0)
        .map((l) => ({ line_item_id: l.line_item_id, quantity: l.picked }))
    )
  )
  const orderId = transform({ task }, ({ task }) => task.order_id as string)
  // Medusa's key for order changes: its nested workflow leaves the lock to its caller. Taken outside
  // when(): a step renamed inside when() loses its compensation (Medusa 2.21).
  // With an owner, so that compensation after the release never frees another caller's lock.
  const owner = transform({ input }, ({ input }) => `pos:task:${input.task_id}`)
  acquireLockStep({ key: orderId, ownerId: owner, timeout: 30, ttl: 120 }).config({ name: "acquire-pos-collect-order-lock" })
  // Medusa's fulfilment would take this quantity from the line's reservations at every node: only this store's is shown to it
  const lineIds = transform({ items }, ({ items }) => items.map((i: any) => i.id as string))
  parkOtherReservationsStep(transform({ lineIds, task }, ({ lineIds, task }) => ({ line_item_ids: lineIds, location_id: task.location_id as string })))
  const fulfillment = when("pos-collect-from-shelf", { items }, ({ items }) => items.length > 0).then(() => {
    return createOrderFulfillmentWorkflow.runAsStep({
      input: transform({ input, task, items }, ({ input, task, items }) => ({
        order_id: task.order_id as string,
        location_id: task.location_id as string,
        items,
        created_by: input.staff_id,
      })),
    })
  })
  unparkReservationsStep(transform({ lineIds }, ({ lineIds }) => ({ line_item_ids: lineIds })))
  // after the fulfilment, which a refused capture takes back: nothing leaves unpaid
  capturePickupPaymentsStep(transform({ input, orderId }, ({ input, orderId }) => ({ order_id: orderId, staff_id: input.staff_id, at: "collect" as const })))
  releaseLockStep({ key: orderId, ownerId: owner }).config({ name: "release-pos-collect-order-lock", continueOnPermanentFailure: true })
  const fulfillmentId = transform({ fulfillment }, ({ fulfillment }) => ((fulfillment as any)?.id as string) ?? null)
  const updated = updateStoreTaskStep(
    transform({ task, fulfillmentId }, ({ task, fulfillmentId }) => ({
      id: task.id as string,
      status: StoreTaskStatus.COLLECTED,
      collected_at: new Date(),
      fulfillment_id: fulfillmentId,
    }))
  )
  createAuditLogStep(
    transform({ input, task, fulfillmentId }, ({ input, task, fulfillmentId }) => taskAuditEntry(task, input.staff_id, "pickup.collected", { fulfillment_id: fulfillmentId }))
  )
  emitEventStep({
    eventName: "pickup.collected",
    data: transform({ task }, ({ task }) => ({ id: task.id, order_id: task.order_id, store_id: task.store_id })),
  })
  // Last: the goods are with the customer, so nothing after this may take the hand-over back.
  deliverOrderFulfillmentsStep(
    transform({ task }, ({ task }) => ({
      order_id: task.order_id as string,
      location_ids: [task.location_id as string, ...linesOf(task).flatMap((l) => (l.from_node_id ? [l.from_node_id] : []))],
      line_item_ids: linesOf(task).map((l) => l.line_item_id),
    }))
  )
  releaseLockStep({ key: lockKey }).config({ continueOnPermanentFailure: true })
  return new WorkflowResponse(updated)
})
