import { MathBN } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  createOrderFulfillmentWorkflow,
  markOrderFulfillmentAsDeliveredWorkflow,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { placeEndlessAisleReservationsStep } from "./steps/endless-aisle"
import { captureOrderPaymentsStep } from "./steps/tender-payments"
import { endlessOf } from "./utils/endless-aisle"

export const finishSaleOrderWorkflowId = "finish-pos-sale-order"

/**
 * The counter's order after Medusa created it: endless-aisle reservations at
 * their nodes, the payment captured, and every line taken home fulfilled and
 * delivered at the store's location. Each part runs only if
 * it has not happened yet, so a completion interrupted half-way is finished by
 * asking again, never done twice.
 */
export const finishSaleOrderWorkflow = createWorkflow(
  finishSaleOrderWorkflowId,
  (input: { order_id: string; cart_id: string; location_id: string; staff_id: string }) => {
    placeEndlessAisleReservationsStep(
      transform({ input }, ({ input }) => ({
        order_id: input.order_id,
        cart_id: input.cart_id,
        store_location_id: input.location_id,
      }))
    )
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: [
        "id",
        "items.*",
        "fulfillments.id",
        "fulfillments.location_id",
        "fulfillments.delivered_at",
      ],
      filters: { id: input.order_id },
      options: { throwIfKeyNotFound: true },
    }).config({ name: "get-sale-order" })

    const state = transform({ orders, input }, ({ orders, input }) => {
      const order = orders[0] as any
      // lines taken home; endless-aisle lines are fulfilled later at their nodes
      const taken = (order.items ?? []).filter((item: any) => item && !endlessOf(item))
      const here = (order.fulfillments ?? []).filter((f: any) => f?.location_id === input.location_id)
      return {
        needs_fulfillment: taken.length > 0 && !here.length,
        undelivered_fulfillment_id: here.find((f: any) => !f.delivered_at)?.id as string | undefined,
        items: taken.map((item: any) => ({
          id: item.id,
          // order quantities are BigNumbers: Number() of one is NaN
          quantity: MathBN.convert(item.quantity).toNumber(),
        })),
      }
    })

    // one payment per tender, each captured once
    captureOrderPaymentsStep(transform({ input }, ({ input }) => ({ order_id: input.order_id, staff_id: input.staff_id })))

    const fulfilled = when({ state }, ({ state }) => state.needs_fulfillment).then(() => {
      const fulfillment = createOrderFulfillmentWorkflow.runAsStep({
        input: transform({ state, input }, ({ state, input }) => ({
          order_id: input.order_id,
          location_id: input.location_id,
          created_by: input.staff_id,
          items: state.items,
        })),
      })
      return fulfillment
    })

    const toDeliver = transform({ state, fulfilled }, ({ state, fulfilled }) =>
      fulfilled?.id ?? state.undelivered_fulfillment_id
    )
    when({ toDeliver }, ({ toDeliver }) => !!toDeliver).then(() => {
      markOrderFulfillmentAsDeliveredWorkflow.runAsStep({
        input: transform({ input, toDeliver }, ({ input, toDeliver }) => ({
          orderId: input.order_id,
          fulfillmentId: toDeliver!,
        })),
      })
    })

    return new WorkflowResponse({ order_id: input.order_id })
  }
)
