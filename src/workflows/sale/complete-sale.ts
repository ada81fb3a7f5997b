import { EventPriority, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { createWorkflow, parallelize, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  completeCartWorkflow,
  emitEventStep,
  releaseLockStep,
  reserveInventoryStep,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { completeAdoptedSaleOrderStep, SALE_CART_FIELDS } from "./steps/adopt-placed-order"
import { markSaleCompletedStep, prepareSaleCompletionStep } from "./steps/complete-sale-steps"
import { holdEndlessAisleForCompletionStep } from "./steps/endless-aisle"
import { ensureSaleStockInHandStep, inHandLockKeys } from "./steps/ensure-stock-in-hand"
import { addPickupShippingMethodStep } from "./steps/pickup-shipping-method"
import { authorizeTenderPaymentsStep, failReleasedCardTendersStep, recordTenderPaymentsStep } from "./steps/tender-payments"

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
 * Completes a paid sale into a Medusa order, placed by Medusa's own
 * completeCartWorkflow (nested with runAsStep): its cart lock, checks, order,
 * links, reservations, promotion usage, `order.placed`, payment authorization
 * and its hooks (`validate`, `beforePaymentAuthorization`, `orderCreated`) are
 * the storefront's, so what a merchant or a plugin (the loyalty plugin's gift
 * cards and store credit) attaches to them runs for till sales too.
 *
 * Before it, what only a till has: the store's pickup option as the shipping
 * method (handed over here, at 0), a payment session per tender, the store's
 * count raised for items in the customer's hands, and endless-aisle lines held
 * at the store for Medusa's reservation (placed at their nodes afterwards).
 * After it, the tenders' other sessions are authorized (Medusa authorizes one).
 *
 * A cart that has an order already (a completion cut off after placing it)
 * keeps it, as Medusa's completion does; what that order's placement lacked is
 * made first. The caller then runs finishSaleOrderWorkflow (capture, hand-over,
 * endless-aisle placement). Run it under the sale's lock (completeCounterSaleWorkflow holds it).
 * See docs/selling.md.
 */
export const completeSaleWorkflow = createWorkflow(completeSaleWorkflowId, (input: CompleteSaleWorkflowInput) => {
  const prepared = prepareSaleCompletionStep({ sale_id: input.sale_id })
  // The cart's lock, with Medusa's key and times: nested, completeCartWorkflow leaves the lock to its
  // caller (the sale's lock is the till's, this one keeps the storefront and the till apart).
  const cartLock = transform({ prepared }, ({ prepared }) => prepared.cart_id)
  acquireLockStep({ key: cartLock, timeout: 30, ttl: 120 })

  // Three independent things at once: the cart's lines with their stock, the pickup
  // method, and a payment session per tender.
  const [{ data: carts }, , payments] = parallelize(
    useQueryGraphStep({
      entity: "cart",
      fields: SALE_CART_FIELDS,
      filters: transform({ prepared }, ({ prepared }) => ({ id: prepared.cart_id })),
    }).config({ name: "get-pos-sale-cart" }),
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
  const cart = transform({ carts }, ({ carts }) => carts[0] as any)
  const items = transform({ cart }, ({ cart }) => ((cart?.items ?? []) as any[]).filter(Boolean))

  // Items the store is close to running out of: one completion at a time from the check of the
  // stock in hand to Medusa's reservation (two tills selling the last unit at once).
  const inHandLocks = transform({ input, cart, items }, ({ input, cart, items }) =>
    cart?.order?.id ? [] : inHandLockKeys(input.location_id, items)
  )
  // With an owner: a provider that takes several keys one by one and stops at a busy one keeps
  // those it took (Medusa's in-memory and Postgres providers); the owner takes them again on its
  // next try, and a release (or compensation) frees only this completion's keys.
  const inHandOwner = transform({ input }, ({ input }) => `pos:completion:${input.sale_id}`)
  acquireLockStep({ key: inHandLocks, ownerId: inHandOwner, timeout: 30, ttl: 120 }).config({ name: "acquire-pos-in-hand-lock" })
  when("pos-sale-before-placement", { cart }, ({ cart }) => !cart?.order?.id).then(() => {
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
  })
  // An order placed by a completion cut off part-way: what its placement lacks is made now.
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
    // not renamed: a step renamed inside when() loses its compensation (Medusa 2.21; docs/production.md)
    reserveInventoryStep(missing)
    emitEventStep({
      eventName: OrderWorkflowEvents.PLACED,
      data: transform({ cart }, ({ cart }) => ({ id: cart.order.id as string })),
      options: { priority: EventPriority.CRITICAL },
    })
  })

  failReleasedCardTendersStep({ sale_id: input.sale_id })
  const order = completeCartWorkflow.runAsStep({
    input: transform({ prepared }, ({ prepared }) => ({ id: prepared.cart_id })),
  })
  releaseLockStep({ key: inHandLocks, ownerId: inHandOwner }).config({ name: "release-pos-in-hand-lock", continueOnPermanentFailure: true })
  // Medusa's completion authorized one session; every other tender's is authorized here.
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
  }).config({ name: "emit-pos-sale-completed" })

  // a lock that cannot be released expires (its TTL): never a reason to undo a completed sale
  releaseLockStep({ key: cartLock }).config({ continueOnPermanentFailure: true })

  return new WorkflowResponse(
    transform({ sale, order, prepared, payments }, ({ sale, order, prepared, payments }) => ({
      sale,
      order_id: order.id as string,
      total: prepared.total,
      change_due: prepared.change_due,
      payment_collection_id: payments.payment_collection_id,
    }))
  )
})
