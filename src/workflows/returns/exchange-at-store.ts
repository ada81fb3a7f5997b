import { MathBN } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  adjustInventoryLevelsStep,
  beginExchangeOrderWorkflow,
  beginReceiveReturnWorkflow,
  confirmExchangeRequestWorkflow,
  confirmReturnReceiveWorkflow,
  createOrderFulfillmentWorkflow,
  createReservationsStep,
  dismissItemReturnRequestWorkflow,
  markOrderFulfillmentAsDeliveredWorkflow,
  orderExchangeAddNewItemWorkflow,
  orderExchangeRequestItemReturnWorkflow,
  receiveItemReturnRequestWorkflow,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { markReturnDoneInMedusaStep, recordReturnOrderChangeStep } from "./steps/receive-steps"
import type { ReceiveReturnAtStoreInput } from "./receive-return-at-store"

export const exchangeAtStoreWorkflowId = "exchange-pos-order-at-store"

export type ExchangeAtStoreInput = ReceiveReturnAtStoreInput & {
  /** what the customer takes instead, from this store's shelf */
  new_items: {
    variant_id: string
    quantity: number
    /** the stock one unit is made of (empty when the variant's stock is not managed) */
    inventory: { inventory_item_id: string; required_quantity: number }[]
  }[]
}

/**
 * An exchange over the counter with Medusa's own exchange flow: begin, the
 * items coming back (at this store's location), the new items (priced by
 * Medusa in the order's region and currency), confirm; then the items coming
 * back are received (resellable restocked here, the others as damaged and
 * held at the store's non-sellable location) and the new items, taken off
 * this store's shelf, are reserved, fulfilled and delivered here at once.
 * Any step failing undoes the ones before. The price difference is settled
 * afterwards, from Medusa's order summary.
 */
export const exchangeAtStoreWorkflow = createWorkflow(exchangeAtStoreWorkflowId, (input: ExchangeAtStoreInput) => {
  const change = beginExchangeOrderWorkflow.runAsStep({
    input: transform({ input }, ({ input }) => ({
      order_id: input.order_id,
      created_by: input.staff_id,
      description: input.description,
    })),
  })
  const exchangeId = transform({ change }, ({ change }) => (change as any).exchange_id as string)
  recordReturnOrderChangeStep(
    transform({ input, change }, ({ input, change }) => ({ pos_return_id: input.pos_return_id ?? null, order_change_id: (change as any).id as string }))
  )
  orderExchangeRequestItemReturnWorkflow.runAsStep({
    input: transform({ input, exchangeId }, ({ input, exchangeId }) => ({
      exchange_id: exchangeId,
      return_id: undefined as unknown as string,
      location_id: input.location_id,
      items: input.items,
    })),
  })
  orderExchangeAddNewItemWorkflow.runAsStep({
    input: transform({ input, exchangeId }, ({ input, exchangeId }) => ({
      exchange_id: exchangeId,
      items: input.new_items.map((i) => ({ variant_id: i.variant_id, quantity: i.quantity, allow_backorder: true })),
    })),
  })
  confirmExchangeRequestWorkflow.runAsStep({
    input: transform({ input, exchangeId }, ({ input, exchangeId }) => ({ exchange_id: exchangeId, confirmed_by: input.staff_id })),
  })

  const { data: exchanges } = useQueryGraphStep({
    entity: "order_exchange",
    fields: ["id", "return_id", "additional_items.item_id", "additional_items.quantity", "additional_items.item.variant_id"],
    filters: { id: exchangeId },
    options: { throwIfKeyNotFound: true },
  }).config({ name: "get-pos-exchange" })
  const made = transform({ exchanges, input }, ({ exchanges, input }) => {
    const exchange = exchanges[0] as any
    const added = ((exchange.additional_items ?? []) as any[]).map((a) => ({
      id: a.item_id as string,
      variant_id: a.item?.variant_id as string,
      quantity: MathBN.convert(a.quantity).toNumber(),
    }))
    return {
      exchange_id: exchange.id as string,
      return_id: exchange.return_id as string,
      new_item_ids: added.map((a) => a.id),
      fulfill: added.map((a) => ({ id: a.id, quantity: a.quantity })),
      // taken off this store's shelf: reserved here, whatever the count says (the customer holds the item)
      reservations: added.flatMap((a) =>
        (input.new_items.find((n) => n.variant_id === a.variant_id)?.inventory ?? []).map((part) => ({
          line_item_id: a.id,
          inventory_item_id: part.inventory_item_id,
          location_id: input.location_id,
          quantity: MathBN.mult(part.required_quantity, a.quantity).toNumber(),
          allow_backorder: true,
        }))
      ),
    }
  })

  beginReceiveReturnWorkflow.runAsStep({
    input: transform({ input, made }, ({ input, made }) => ({ return_id: made.return_id, created_by: input.staff_id })),
  })
  when({ input }, ({ input }) => input.receive.length > 0).then(() => {
    receiveItemReturnRequestWorkflow.runAsStep({
      input: transform({ input, made }, ({ input, made }) => ({ return_id: made.return_id, items: input.receive })),
    })
  })
  when({ input }, ({ input }) => input.dismiss.length > 0).then(() => {
    dismissItemReturnRequestWorkflow.runAsStep({
      input: transform({ input, made }, ({ input, made }) => ({ return_id: made.return_id, items: input.dismiss })),
    })
  })
  confirmReturnReceiveWorkflow.runAsStep({
    input: transform({ input, made }, ({ input, made }) => ({ return_id: made.return_id, confirmed_by: input.staff_id })),
  })

  when({ made }, ({ made }) => made.reservations.length > 0).then(() => {
    createReservationsStep(transform({ made }, ({ made }) => made.reservations))
  })
  const fulfillment = createOrderFulfillmentWorkflow.runAsStep({
    input: transform({ input, made }, ({ input, made }) => ({
      order_id: input.order_id,
      location_id: input.location_id,
      created_by: input.staff_id,
      items: made.fulfill,
    })),
  })
  markOrderFulfillmentAsDeliveredWorkflow.runAsStep({
    input: transform({ input, fulfillment }, ({ input, fulfillment }) => ({ orderId: input.order_id, fulfillmentId: fulfillment.id })),
  })
  // last, so that nothing after it can fail
  when({ input }, ({ input }) => input.holds.length > 0).then(() => {
    // not renamed: a step renamed inside when() loses its compensation (Medusa 2.21; docs/production.md)
    adjustInventoryLevelsStep(transform({ input }, ({ input }) => input.holds))
  })
  markReturnDoneInMedusaStep(transform({ input }, ({ input }) => ({ pos_return_id: input.pos_return_id ?? null })))
  return new WorkflowResponse(made)
})
