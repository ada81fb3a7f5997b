import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  createOrderFulfillmentWorkflow,
  markOrderFulfillmentAsDeliveredWorkflow,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"
import { loadCounterHandoverStep } from "./steps/counter-handover"
import { placeEndlessAisleReservationsStep } from "./steps/endless-aisle"
import { createEndlessAisleTasksStep } from "./steps/endless-aisle-tasks"
import { captureOrderPaymentsStep, recordCaptureTransactionsStep } from "./steps/tender-payments"

export const finishSaleOrderWorkflowId = "finish-pos-sale-order"

export type FinishSaleOrderInput = {
  order_id: string
  cart_id: string
  location_id: string
  staff_id: string
  /** the store's pickup option: the counter's fulfilment is made with it */
  shipping_option_id: string
  /** the order's payment collection, when the caller has just placed the order (else read through the order) */
  payment_collection_id?: string | null
}

/**
 * The counter's order once it is placed: the payments captured (Medusa's
 * capturePaymentWorkflow), endless-aisle reservations at their nodes and their tasks in the
 * stores' queues, and the
 * lines taken home fulfilled at the store's location and delivered, by Medusa's
 * createOrderFulfillmentWorkflow and markOrderFulfillmentAsDeliveredWorkflow
 * (their checks, the order's lock, the stock taken off the store's level, the
 * reservations, the `fulfillmentCreated` hook and the events). Each part runs
 * only if it has not happened yet, so a completion interrupted half-way is
 * finished by asking again, never done twice. See docs/selling.md.
 */
export const finishSaleOrderWorkflow = createWorkflow(finishSaleOrderWorkflowId, (input: FinishSaleOrderInput) => {
  // the order's lock, Medusa's key for order changes (its nested workflows leave it to their caller)
  acquireLockStep({ key: input.order_id, timeout: 30, ttl: 120 })
  // one payment per tender, each captured once
  captureOrderPaymentsStep(
    transform({ input }, ({ input }) => ({
      order_id: input.order_id,
      staff_id: input.staff_id,
      payment_collection_id: input.payment_collection_id ?? null,
    }))
  )
  // Asked again (no collection passed): a capture an interrupted run left without its transaction
  // gets it. On a first run capturePaymentWorkflow recorded each capture itself.
  when("pos-repair-capture-transactions", { input }, ({ input }) => !input.payment_collection_id).then(() => {
    recordCaptureTransactionsStep(transform({ input }, ({ input }) => ({ order_id: input.order_id })))
  })

  const handover = loadCounterHandoverStep(
    transform({ input }, ({ input }) => ({ order_id: input.order_id, location_id: input.location_id }))
  )

  when("pos-place-endless-aisle", { handover }, ({ handover }) => handover.has_endless_lines).then(() => {
    placeEndlessAisleReservationsStep(
      transform({ input }, ({ input }) => ({ order_id: input.order_id, cart_id: input.cart_id, store_location_id: input.location_id }))
    )
    // into the source's and the pickup store's queues (once: asked again, it finds them)
    createEndlessAisleTasksStep(transform({ input }, ({ input }) => ({ order_id: input.order_id })))
  })

  const created = when("pos-fulfil-at-counter", { handover }, ({ handover }) => handover.needs_fulfillment).then(() =>
    createOrderFulfillmentWorkflow.runAsStep({
      input: transform({ input, handover }, ({ input, handover }) => ({
        order_id: input.order_id,
        location_id: input.location_id,
        shipping_option_id: input.shipping_option_id,
        created_by: input.staff_id,
        items: handover.items,
      })),
    })
  )
  // handed over at the counter: delivered at once (or a fulfilment an interrupted completion left undelivered)
  const toDeliver = transform({ created, handover }, ({ created, handover }) => (created as any)?.id ?? handover.undelivered_fulfillment_id)
  when("pos-deliver-at-counter", { toDeliver }, ({ toDeliver }) => !!toDeliver).then(() => {
    markOrderFulfillmentAsDeliveredWorkflow.runAsStep({
      input: transform({ input, toDeliver }, ({ input, toDeliver }) => ({ orderId: input.order_id, fulfillmentId: toDeliver as string })),
    })
  })

  // a lock that cannot be released expires (its TTL): never a reason to undo a hand-over
  releaseLockStep({ key: input.order_id }).config({ continueOnPermanentFailure: true })

  return new WorkflowResponse({ order_id: input.order_id })
})
