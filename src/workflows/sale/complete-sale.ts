import { createWorkflow, parallelize, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { completeCartWorkflow, emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { markSaleCompletedStep, prepareSaleCompletionStep } from "./steps/complete-sale-steps"
import { holdEndlessAisleForCompletionStep } from "./steps/endless-aisle"
import { ensureSaleStockInHandStep, SALE_CART_STOCK_FIELDS } from "./steps/ensure-stock-in-hand"
import { addPickupShippingMethodStep } from "./steps/pickup-shipping-method"
import { authorizeTenderPaymentsStep, recordTenderPaymentsStep } from "./steps/tender-payments"

export const completeSaleWorkflowId = "complete-pos-sale"

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
 * completion. The caller then runs finishSaleOrderWorkflow, which captures the
 * payment, fulfils and delivers the lines taken home at the store's stock
 * location (stock falls there and nowhere else), and places the reservations
 * of endless-aisle lines at their nodes.
 * Run it under the sale's lock (withSaleLock).
 */
export const completeSaleWorkflow = createWorkflow(completeSaleWorkflowId, (input: CompleteSaleWorkflowInput) => {
  const prepared = prepareSaleCompletionStep({ sale_id: input.sale_id })

  // Three independent things at once: the cart's lines with their stock, the
  // store's pickup option as the shipping method (handed over here, at 0), and
  // a payment session per tender.
  const [{ data: carts }, , payments] = parallelize(
    useQueryGraphStep({
      entity: "cart",
      fields: SALE_CART_STOCK_FIELDS,
      filters: transform({ prepared }, ({ prepared }) => ({ id: prepared.cart_id })),
    }).config({ name: "get-pos-sale-cart-stock" }),
    addPickupShippingMethodStep(
      transform({ input, prepared }, ({ input, prepared }) => ({
        cart_id: prepared.cart_id,
        shipping_option_id: input.pickup_shipping_option_id,
      }))
    ),
    recordTenderPaymentsStep(
      transform({ input, prepared }, ({ input, prepared }) => ({
        sale_id: input.sale_id,
        cart_id: prepared.cart_id,
        payment_collection_id: prepared.payment_collection_id,
        currency_code: prepared.currency_code,
        raw_total: prepared.raw_total,
      }))
    )
  )
  const items = transform({ carts }, ({ carts }) => (((carts[0] as any)?.items ?? []) as any[]).filter(Boolean))

  // stock that an online order reserved since a line was scanned never refuses what is in hand
  ensureSaleStockInHandStep(
    transform({ input, items }, ({ input, items }) => ({
      sale_id: input.sale_id,
      store_id: input.store_id,
      location_id: input.location_id,
      items,
    }))
  )
  // endless-aisle lines pass Medusa's reservation at the store; placed at their nodes afterwards
  holdEndlessAisleForCompletionStep(transform({ input, items }, ({ input, items }) => ({ location_id: input.location_id, items })))

  const order = completeCartWorkflow.runAsStep({
    input: transform({ prepared }, ({ prepared }) => ({ id: prepared.cart_id })),
  })
  // Medusa authorized one tender's session; the others are authorized here.
  authorizeTenderPaymentsStep(transform({ payments }, ({ payments }) => ({ payment_collection_id: payments.payment_collection_id })))

  // The order exists and the sale records it; should the audit row or the event
  // fail, compensation takes both back and the sale can be completed again.
  // Capturing, fulfilling and delivering (finishSaleOrderWorkflow) run after this
  // workflow, so that their failure cannot undo the order, and can be resumed.
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
