import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, createOrderFulfillmentWorkflow, createOrderShipmentWorkflow, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { perLine } from "../../lib/order-lines"
import { StoreTaskStatus } from "../../modules/pos/models/store-task"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { loadDeliveryAddressStep, loadStoreTaskStep, parkOtherReservationsStep, unparkReservationsStep, updateStoreTaskStep } from "./steps/task-steps"
import { linesOf, taskAuditEntry } from "./utils/tasks"

export const shipStoreTaskWorkflowId = "ship-pos-store-task"

export type ShipStoreTaskInput = { task_id: string; staff_id: string; tracking_number: string; tracking_url?: string; carrier?: string }

/**
 * Ships a picked ship task under the task's and the order's locks: Medusa's fulfilment at this
 * store's stock location (the reservation consumed, stock falls here) and its shipment with the
 * tracking number as label, by createOrderFulfillmentWorkflow and createOrderShipmentWorkflow
 * (their checks, hooks and events); then the task is marked shipped. A failure after the
 * fulfilment undoes it (Medusa's compensation), so shipping again works.
 */
export const shipStoreTaskWorkflow = createWorkflow(shipStoreTaskWorkflowId, (input: ShipStoreTaskInput) => {
  const lockKey = transform({ input }, ({ input }) => `pos:task:${input.task_id}`)
  acquireLockStep({ key: lockKey, timeout: 10, ttl: 120 })
  const task = loadStoreTaskStep(transform({ input }, ({ input }) => ({ task_id: input.task_id, action: "ship" as const })))
  const orderId = transform({ task }, ({ task }) => task.order_id as string)
  // Medusa's key for order changes: its nested workflows leave the lock to their caller
  const owner = transform({ input }, ({ input }) => `pos:task:${input.task_id}`)
  acquireLockStep({ key: orderId, ownerId: owner, timeout: 30, ttl: 120 }).config({ name: "acquire-pos-ship-order-lock" })

  // a till's endless-aisle parcel goes to the address the customer gave, not the order's (the store's)
  const deliveryAddress = loadDeliveryAddressStep(
    transform({ task }, ({ task }) => ({ order_id: task.order_id as string, line_item_ids: linesOf(task).map((l) => l.line_item_id) }))
  )
  const shipment = transform({ input, task, deliveryAddress }, ({ input, task, deliveryAddress }) => ({
    order_id: task.order_id as string,
    location_id: task.location_id as string,
    items: perLine(linesOf(task).filter((l) => l.picked > 0).map((l) => ({ line_item_id: l.line_item_id, quantity: l.picked }))),
    labels: [{ tracking_number: input.tracking_number, tracking_url: input.tracking_url ?? "", label_url: "" }],
    created_by: input.staff_id,
    ...(deliveryAddress ? { delivery_address: deliveryAddress } : {}),
  }))
  // Medusa's fulfilment would take this quantity from the line's reservations at every node: only this one's is shown to it
  const lineIds = transform({ shipment }, ({ shipment }) => shipment.items.map((i) => i.id))
  parkOtherReservationsStep(transform({ lineIds, shipment }, ({ lineIds, shipment }) => ({ line_item_ids: lineIds, location_id: shipment.location_id })))
  const fulfillment = createOrderFulfillmentWorkflow.runAsStep({ input: shipment })
  unparkReservationsStep(transform({ lineIds }, ({ lineIds }) => ({ line_item_ids: lineIds })))
  createOrderShipmentWorkflow.runAsStep({
    input: transform({ shipment, fulfillment }, ({ shipment, fulfillment }) => ({
      order_id: shipment.order_id,
      fulfillment_id: fulfillment.id as string,
      items: shipment.items,
      labels: shipment.labels,
      created_by: shipment.created_by,
    })),
  })
  const updated = updateStoreTaskStep(
    transform({ input, task, fulfillment }, ({ input, task, fulfillment }) => ({
      id: task.id as string,
      status: StoreTaskStatus.SHIPPED,
      tracking_number: input.tracking_number,
      fulfillment_id: fulfillment.id as string,
      shipped_at: new Date(),
    }))
  )
  createAuditLogStep(
    transform({ input, task, fulfillment }, ({ input, task, fulfillment }) => taskAuditEntry(task, input.staff_id, "task.shipped", { fulfillment_id: fulfillment.id, tracking_number: input.tracking_number, carrier: input.carrier ?? null }))
  )
  emitEventStep({
    eventName: "pos.task.shipped",
    data: transform({ input, task, fulfillment }, ({ input, task, fulfillment }) => ({
      id: task.id,
      order_id: task.order_id,
      store_id: task.store_id,
      fulfillment_id: fulfillment.id,
      carrier: input.carrier ?? null,
    })),
  })
  releaseLockStep({ key: orderId, ownerId: owner }).config({ name: "release-pos-ship-order-lock", continueOnPermanentFailure: true })
  releaseLockStep({ key: lockKey }).config({ continueOnPermanentFailure: true })
  return new WorkflowResponse(updated)
})
