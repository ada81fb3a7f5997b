import {
  FulfillmentWorkflowEvents,
  InventoryLevelWorkflowEvents,
  Modules,
  OrderWorkflowEvents,
  ReservationItemWorkflowEvents,
} from "@medusajs/framework/utils"
import { createWorkflow, parallelize, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  adjustInventoryLevelsStep,
  createFulfillmentWorkflow,
  createRemoteLinkStep,
  deleteReservationsStep,
  emitEventStep,
  markOrderFulfillmentAsDeliveredWorkflow,
  updateFulfillmentStep,
  updateReservationsStep,
} from "@medusajs/medusa/core-flows"
import { loadCounterHandoverStep, prepareCounterHandover, registerCounterHandoverStep } from "./steps/counter-handover"
import { placeEndlessAisleReservationsStep } from "./steps/endless-aisle"
import { captureOrderPaymentsStep, recordCaptureTransactionsStep } from "./steps/tender-payments"

export const finishSaleOrderWorkflowId = "finish-pos-sale-order"

/** The hand-over's events: name, the key of its data below, the emitting step's name. */
const HANDOVER_EVENTS = [
  [OrderWorkflowEvents.FULFILLMENT_CREATED, "fulfillment", "emit-pos-fulfillment-created"],
  [InventoryLevelWorkflowEvents.UPDATED, "levels", "emit-pos-inventory-level-updated"],
  [ReservationItemWorkflowEvents.UPDATED, "updated", "emit-pos-reservation-item-updated"],
  [ReservationItemWorkflowEvents.DELETED, "deleted", "emit-pos-reservation-item-deleted"],
  [FulfillmentWorkflowEvents.DELIVERY_CREATED, "delivery", "emit-pos-delivery-created"],
] as const

export type FinishSaleOrderInput = {
  order_id: string
  cart_id: string
  location_id: string
  staff_id: string
  /** the store's pickup option: the counter's fulfilment is made with its provider */
  shipping_option_id: string
  /** the order's payment collection, when the caller has just placed the order (else read through the order) */
  payment_collection_id?: string | null
}

/**
 * The counter's order once it is placed: endless-aisle reservations at
 * their nodes, the payment captured, and every line taken home fulfilled and
 * delivered at the store's location. Each part runs only if it has not happened
 * yet, so a completion interrupted half-way is finished by asking again, never
 * done twice.
 *
 * The hand-over is composed of the steps Medusa's createOrderFulfillmentWorkflow
 * and markOrderFulfillmentAsDeliveredWorkflow are made of (Medusa's fulfilment
 * workflow, the order's fulfilment and delivery, the inventory adjustment, the
 * reservations, the links and the events), fed from one read of the order
 * instead of their five; see docs/selling.md.
 */
export const finishSaleOrderWorkflow = createWorkflow(finishSaleOrderWorkflowId, (input: FinishSaleOrderInput) => {
  // the payments are captured at the payment module while the order is read
  const [handover] = parallelize(
    loadCounterHandoverStep(
      transform({ input }, ({ input }) => ({
        order_id: input.order_id,
        location_id: input.location_id,
        shipping_option_id: input.shipping_option_id,
      }))
    ),
    // one payment per tender, each captured once
    captureOrderPaymentsStep(
      transform({ input }, ({ input }) => ({
        order_id: input.order_id,
        staff_id: input.staff_id,
        payment_collection_id: input.payment_collection_id ?? null,
      }))
    )
  )
  // The captures become the order's transactions at once (Medusa's capturePaymentWorkflow does so
  // too), before the hand-over: both change the order's totals, so they never run together.
  recordCaptureTransactionsStep(transform({ input }, ({ input }) => ({ order_id: input.order_id })))

  when("pos-place-endless-aisle", { handover }, ({ handover }) => handover.has_endless_lines).then(() => {
    placeEndlessAisleReservationsStep(
      transform({ input }, ({ input }) => ({ order_id: input.order_id, cart_id: input.cart_id }))
    )
  })

  const state = transform({ handover, input }, ({ handover, input }) => {
    const here = handover.fulfillments.filter((f) => f.location_id === input.location_id)
    return {
      needs_fulfillment: handover.items.length > 0 && !here.length,
      undelivered_fulfillment_id: here.find((f) => !f.delivered_at)?.id,
    }
  })

  when("pos-hand-over-at-counter", { state }, ({ state }) => state.needs_fulfillment).then(() => {
    const prepared = transform({ handover, input }, ({ handover, input }) => prepareCounterHandover(handover, input.staff_id))
    const [fulfillment, adjustedLevels] = parallelize(
      createFulfillmentWorkflow.runAsStep({
        input: transform({ prepared }, ({ prepared }) => prepared.fulfillment),
      }),
      adjustInventoryLevelsStep(transform({ prepared }, ({ prepared }) => prepared.adjustments))
    )
    parallelize(
      registerCounterHandoverStep(
        transform({ input, prepared, fulfillment }, ({ input, prepared, fulfillment }) => ({
          order_id: input.order_id,
          fulfillment_id: fulfillment.id,
          created_by: input.staff_id,
          items: prepared.lines,
        }))
      ),
      createRemoteLinkStep(
        transform({ input, fulfillment }, ({ input, fulfillment }) => [
          { [Modules.ORDER]: { order_id: input.order_id }, [Modules.FULFILLMENT]: { fulfillment_id: fulfillment.id } },
        ])
      ),
      updateReservationsStep(transform({ prepared }, ({ prepared }) => prepared.to_update)),
      deleteReservationsStep(transform({ prepared }, ({ prepared }) => prepared.to_delete))
    )
    // handed over at the counter: delivered once all of the above is done, so a delivered
    // fulfilment here always means a finished hand-over
    updateFulfillmentStep(transform({ fulfillment }, ({ fulfillment }) => ({ id: fulfillment.id, delivered_at: new Date() })))
    const events = transform(
      { input, prepared, fulfillment, adjustedLevels },
      ({ input, prepared, fulfillment, adjustedLevels }) => ({
        fulfillment: { order_id: input.order_id, fulfillment_id: fulfillment.id, no_notification: false },
        levels: (adjustedLevels ?? []).map((level: any) => ({ id: level.id, order_id: input.order_id })),
        updated: prepared.to_update.map((r) => ({ id: r.id, order_id: input.order_id })),
        deleted: prepared.to_delete.map((id) => ({ id, order_id: input.order_id })),
        delivery: { id: fulfillment.id, no_notification: false },
      })
    )
    // what Medusa's createOrderFulfillmentWorkflow and markOrderFulfillmentAsDeliveredWorkflow emit
    parallelize(
      ...HANDOVER_EVENTS.map(([eventName, key, name]) =>
        emitEventStep({ eventName, data: transform({ events }, ({ events }) => events[key]) }).config({ name })
      )
    )
  })

  // a fulfilment made here earlier but not delivered (an interrupted completion): Medusa's own delivery
  when("pos-deliver-at-counter", { state }, ({ state }) => !state.needs_fulfillment && !!state.undelivered_fulfillment_id).then(
    () => {
      markOrderFulfillmentAsDeliveredWorkflow.runAsStep({
        input: transform({ input, state }, ({ input, state }) => ({
          orderId: input.order_id,
          fulfillmentId: state.undelivered_fulfillment_id!,
        })),
      })
    }
  )

  return new WorkflowResponse({ order_id: input.order_id })
})
