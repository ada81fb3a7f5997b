import { MathBN } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  addShippingMethodToCartWorkflow,
  capturePaymentWorkflow,
  completeCartWorkflow,
  createOrderFulfillmentWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  emitEventStep,
  markOrderFulfillmentAsDeliveredWorkflow,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { markSaleCompletedStep, prepareSaleCompletionStep } from "./steps/complete-sale-steps"

export const completeSaleWorkflowId = "complete-pos-sale"

/** Medusa's system payment provider records the counter's payment on the order. */
export const POS_PAYMENT_PROVIDER_ID = "pp_system_default"

export type CompleteSaleWorkflowInput = {
  sale_id: string
  store_id: string
  staff_id: string
  location_id: string
  pickup_shipping_option_id: string
  request_id?: string
}

/**
 * Completes a paid sale into a Medusa order through Medusa's own cart
 * completion, captures its payment, and fulfils and delivers the lines at the
 * store's stock location at once: the customer takes them home, and stock
 * falls there and nowhere else.
 */
export const completeSaleWorkflow = createWorkflow(completeSaleWorkflowId, (input: CompleteSaleWorkflowInput) => {
  const prepared = prepareSaleCompletionStep({ sale_id: input.sale_id })

  addShippingMethodToCartWorkflow.runAsStep({
    input: transform({ input, prepared }, ({ input, prepared }) => ({
      cart_id: prepared.cart_id,
      options: [{ id: input.pickup_shipping_option_id }],
    })),
  })
  createPaymentCollectionForCartWorkflow.runAsStep({
    input: transform({ prepared }, ({ prepared }) => ({ cart_id: prepared.cart_id })),
  })
  const { data: carts } = useQueryGraphStep({
    entity: "cart",
    fields: ["id", "payment_collection.id"],
    filters: { id: prepared.cart_id },
  }).config({ name: "get-sale-cart-payment-collection" })
  createPaymentSessionsWorkflow.runAsStep({
    input: transform({ carts }, ({ carts }) => ({
      payment_collection_id: (carts[0] as any).payment_collection.id,
      provider_id: POS_PAYMENT_PROVIDER_ID,
    })),
  })

  const order = completeCartWorkflow.runAsStep({
    input: transform({ prepared }, ({ prepared }) => ({ id: prepared.cart_id })),
  })

  const { data: orders } = useQueryGraphStep({
    entity: "order",
    fields: ["id", "items.*", "payment_collections.payments.id"],
    filters: { id: order.id },
  }).config({ name: "get-sale-order" })

  capturePaymentWorkflow.runAsStep({
    input: transform({ orders, input }, ({ orders, input }) => ({
      payment_id: (orders[0] as any).payment_collections[0].payments[0].id,
      captured_by: input.staff_id,
    })),
  })

  const fulfillment = createOrderFulfillmentWorkflow.runAsStep({
    input: transform({ orders, input }, ({ orders, input }) => ({
      order_id: (orders[0] as any).id,
      location_id: input.location_id,
      created_by: input.staff_id,
      items: ((orders[0] as any).items ?? []).map((item: any) => ({
        id: item.id,
        // order quantities are BigNumbers: Number() of one is NaN
        quantity: MathBN.convert(item.quantity).toNumber(),
      })),
    })),
  })
  markOrderFulfillmentAsDeliveredWorkflow.runAsStep({
    input: transform({ order, fulfillment }, ({ order, fulfillment }) => ({
      orderId: order.id,
      fulfillmentId: fulfillment.id,
    })),
  })

  const sale = markSaleCompletedStep(
    transform({ input, order }, ({ input, order }) => ({ sale_id: input.sale_id, order_id: order.id }))
  )

  createAuditLogStep(
    transform({ input, order, prepared }, ({ input, order, prepared }) => [
      {
        actor_type: "staff" as const,
        actor_id: input.staff_id,
        store_id: input.store_id,
        action: "sale.completed",
        resource_type: "order",
        resource_id: order.id,
        request_id: input.request_id ?? null,
        data: { sale_id: input.sale_id, total: prepared.total, change_due: prepared.change_due },
      },
    ])
  )
  emitEventStep({
    eventName: "pos.sale.completed",
    data: transform({ input, order }, ({ input, order }) => ({
      id: input.sale_id,
      order_id: order.id,
      store_id: input.store_id,
    })),
  })

  return new WorkflowResponse(
    transform({ sale, order, prepared }, ({ sale, order, prepared }) => ({
      sale,
      order_id: order.id,
      total: prepared.total,
      change_due: prepared.change_due,
    }))
  )
})
