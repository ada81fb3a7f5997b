import { createHook, createWorkflow, parallelize, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { OrderWorkflowEvents, ReservationItemWorkflowEvents, EventPriority } from "@medusajs/framework/utils"
import {
  acquireLockStep,
  createOrdersStep,
  createRemoteLinkStep,
  emitEventStep,
  releaseLockStep,
  reserveInventoryStep,
  updateCartsStep,
  useQueryGraphStep,
  validateCartItemsStep,
  validateCartPaymentsStep,
  validateShippingStep,
} from "@medusajs/medusa/core-flows"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { markSaleCompletedStep, prepareSaleCompletionStep } from "./steps/complete-sale-steps"
import { ensureSaleStockInHandStep } from "./steps/ensure-stock-in-hand"
import { addPickupShippingMethodStep } from "./steps/pickup-shipping-method"
import {
  completeAdoptedSaleOrderStep,
  registerSalePromotionUsageStep,
  SALE_ORDER_CART_FIELDS,
  saleCartToOrder,
  saleOrderLinks,
  salePromotionUsage,
  saleReservations,
} from "./steps/place-sale-order"
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
 * Completes a paid sale into a Medusa order. The order is placed with the
 * steps Medusa's completeCartWorkflow is made of, in its order (the order made
 * from the cart, its links, the cart marked completed, the reservations, the
 * promotions' usage, `order.placed`, the payments' authorization), in this
 * workflow's own transaction: Medusa's workflow would store a checkpoint of
 * itself at every step for three days. As in it, the cart's lock is taken and a
 * cart that has an order keeps it. Its hooks are offered here under the same
 * names (`validate`, `orderCreated`). See docs/selling.md.
 *
 * The caller then runs finishSaleOrderWorkflow, which captures the payment,
 * fulfils and delivers the lines taken home at the store's stock location
 * (stock falls there and nowhere else), and moves the reservations of
 * endless-aisle lines to the order. Run it under the sale's lock (withSaleLock).
 */
export const completeSaleWorkflow = createWorkflow(completeSaleWorkflowId, (input: CompleteSaleWorkflowInput) => {
  const prepared = prepareSaleCompletionStep({ sale_id: input.sale_id })
  // the cart's lock, the key Medusa's own completion takes (the sale's lock is the till's)
  acquireLockStep({
    key: transform({ prepared }, ({ prepared }) => prepared.cart_id),
    timeout: 30,
    ttl: 120,
  })

  // Two independent things at once: the store's pickup option as the shipping
  // method (handed over here, at 0), and a payment session per tender.
  const [, payments] = parallelize(
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
        tenders: prepared.tenders,
      }))
    )
  )
  // the cart, read once: what the order is made of, and the lines' stock
  const { data: carts } = useQueryGraphStep({
    entity: "cart",
    fields: SALE_ORDER_CART_FIELDS,
    filters: transform({ prepared }, ({ prepared }) => ({ id: prepared.cart_id })),
  }).config({ name: "get-pos-sale-cart" })
  const cart = transform({ carts }, ({ carts }) => carts[0] as any)

  validateCartItemsStep({ cart })
  // every line that needs shipping has a method of its shipping profile
  validateShippingStep({
    cart,
    shippingOptions: transform({ cart }, ({ cart }) =>
      ((cart?.shipping_methods ?? []) as any[]).filter(Boolean).map((method) => ({
        id: method.shipping_option_id,
        shipping_profile_id: method.shipping_option?.shipping_profile_id,
      })) as any[]
    ),
  })
  // the checks of Medusa's completion on the payment sessions (one at least, of
  // providers enabled in the region); the tenders covered the total already
  validateCartPaymentsStep({
    cart: transform({ cart, prepared }, ({ cart, prepared }) => ({
      ...cart,
      total: prepared.total,
      credit_line_total: 0,
    })),
  })
  // the cart as read above (no computed totals: the sale's total is `total`)
  const validate = createHook("validate", { input, cart, total: transform({ prepared }, ({ prepared }) => prepared.total) })

  // A cart with an order already (a completion interrupted after placing it, in a process that
  // died before recording it on the sale) keeps that order, as Medusa's completion does.
  const created = when("pos-sale-place-order", { cart }, ({ cart }) => !cart?.order?.id).then(() => {
    // stock that an online order reserved since a line was scanned never refuses what is in hand
    ensureSaleStockInHandStep(
      transform({ input, cart }, ({ input, cart }) => ({
        sale_id: input.sale_id,
        store_id: input.store_id,
        location_id: input.location_id,
        items: ((cart?.items ?? []) as any[]).filter(Boolean),
      }))
    )

    const orders = createOrdersStep([transform({ cart }, ({ cart }) => saleCartToOrder(cart)) as any])
    const placed = transform({ orders }, ({ orders }) => orders[0])

    const [, , reservations] = parallelize(
      createRemoteLinkStep(transform({ cart, placed }, ({ cart, placed }) => saleOrderLinks(cart, placed.id))),
      updateCartsStep(transform({ cart }, ({ cart }) => [{ id: cart.id, completed_at: new Date() }])),
      reserveInventoryStep(
        transform({ cart, placed, input }, ({ cart, placed, input }) => saleReservations(placed as any, cart, input.location_id))
      ),
      registerSalePromotionUsageStep(transform({ cart }, ({ cart }) => salePromotionUsage(cart))),
      emitEventStep({
        eventName: OrderWorkflowEvents.PLACED,
        data: transform({ placed }, ({ placed }) => ({ id: placed.id })),
        options: { priority: EventPriority.CRITICAL },
      }).config({ name: "emit-pos-sale-order-placed" })
    )
    emitEventStep({
      eventName: ReservationItemWorkflowEvents.CREATED,
      data: transform({ reservations, placed }, ({ reservations, placed }) =>
        ((reservations ?? []) as any[]).map((reservation) => ({ id: reservation.id, order_id: placed.id }))
      ),
    }).config({ name: "emit-pos-sale-reservations-created" })
    return placed
  })
  // That order's placement may itself have been cut off part-way: what it lacks is made now.
  when("pos-sale-adopt-order", { cart }, ({ cart }) => !!cart?.order?.id).then(() => {
    const missing = completeAdoptedSaleOrderStep(
      transform({ cart, input }, ({ cart, input }) => ({
        cart,
        order_id: cart.order.id as string,
        sale_id: input.sale_id,
        store_id: input.store_id,
        location_id: input.location_id,
      }))
    )
    reserveInventoryStep(missing).config({ name: "reserve-pos-adopted-order-inventory" })
  })
  const order = transform({ created, cart }, ({ created, cart }) => ({ id: (created?.id ?? cart.order.id) as string }))

  // Every tender's session is authorized last, as Medusa's completion does with
  // its one session, so that little can fail after it.
  authorizeTenderPaymentsStep(
    transform({ cart }, ({ cart }) => ({
      sessions: ((cart?.payment_collection?.payment_sessions ?? []) as any[]).filter(Boolean),
    }))
  )

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

  const orderCreated = createHook("orderCreated", {
    order_id: transform({ order }, ({ order }) => order.id),
    cart_id: transform({ prepared }, ({ prepared }) => prepared.cart_id),
    sale_id: input.sale_id,
  })
  releaseLockStep({ key: transform({ prepared }, ({ prepared }) => prepared.cart_id) })

  return new WorkflowResponse(
    transform({ sale, order, prepared, payments }, ({ sale, order, prepared, payments }) => ({
      sale,
      order_id: order.id,
      total: prepared.total,
      change_due: prepared.change_due,
      payment_collection_id: payments.payment_collection_id,
    })),
    { hooks: [validate, orderCreated] }
  )
})
