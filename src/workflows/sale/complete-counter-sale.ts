import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../modules/pos"
import { SaleStatus } from "../../modules/pos/models/sale"
import type PosModuleService from "../../modules/pos/service"
import { finishSaleOrderWorkflow } from "./finish-sale-order"
import { callStripe } from "./utils/card-tender"
import { endlessOf } from "./utils/endless-aisle"
import { buildReceipt } from "./utils/receipt"
import { runSaleCompletion } from "./utils/run-sale-completion"
import { acquireSaleLock, releaseSaleLock } from "./utils/sale-lock"

type Container = { resolve: (key: string) => any }

export const completeCounterSaleWorkflowId = "complete-pos-counter-sale"

export type CompleteCounterSaleInput = {
  sale_id: string
  store_id: string
  staff_id: string
  /** the store's stock location: the counter hands over from it */
  location_id: string
  /** the store's pickup option: the counter's shipping method and fulfilment */
  pickup_shipping_option_id: string | null
  request_id?: string
}

/**
 * Where a completion stands: the order a first completion placed (then what is left is finished),
 * or none yet. A sale whose order is finished is refused: a complete asked again after a full
 * completion changes nothing.
 */
const checkSaleCompletionStep = createStep("check-pos-sale-completion", async (input: CompleteCounterSaleInput, { container }) => {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const sale = await pos.retrievePosSale(input.sale_id)
  if (sale.status === SaleStatus.COMPLETED && sale.order_id) {
    if (await isOrderFinished(container, sale.order_id, sale.cart_id, input.location_id)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Sale ${sale.id} is already completed (order ${sale.order_id})`)
    }
    return new StepResponse({ cart_id: sale.cart_id as string, order_id: sale.order_id as string | null })
  }
  if (!input.pickup_shipping_option_id) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Store ${input.store_id} has no pickup shipping option; recreate it through the store settings`
    )
  }
  return new StepResponse({ cart_id: sale.cart_id as string, order_id: null as string | null })
})

/**
 * The order, placed by completeSaleWorkflow (Medusa's completeCartWorkflow nested, its hooks
 * running), retried when another till took the units counted on; or the order a cut-off
 * completion placed. Not compensated: once the order exists, asking again finishes it.
 */
const placeSaleOrderStep = createStep(
  "place-pos-sale-order",
  async (input: { sale: CompleteCounterSaleInput; order_id: string | null }, { container }) => {
    if (input.order_id) {
      return new StepResponse({ order_id: input.order_id, payment_collection_id: null as string | null })
    }
    const { result } = await callStripe("The sale could not be completed", () =>
      runSaleCompletion(container, { ...input.sale, pickup_shipping_option_id: input.sale.pickup_shipping_option_id! })
    )
    return new StepResponse({ order_id: result.order_id as string, payment_collection_id: (result.payment_collection_id as string | null) ?? null })
  }
)

/**
 * What follows the order (finishSaleOrderWorkflow: capture, endless-aisle placement, hand-over,
 * delivery) and the receipt, built meanwhile: it reads the order's lines and totals and the
 * sale's tenders, which the capture and the hand-over do not change. Both are awaited, whichever
 * fails. Not compensated: each part of the finish runs only if it has not happened yet, so an
 * interruption is finished by asking again.
 */
const finishSaleStep = createStep(
  "finish-pos-counter-sale",
  async (input: { sale: CompleteCounterSaleInput; cart_id: string; order_id: string; payment_collection_id: string | null }, { container }) => {
    const [finished, receipt] = await Promise.allSettled([
      callStripe("The order exists; capturing its payments failed (ask complete again)", () =>
        finishSaleOrderWorkflow(container as any).run({
          input: {
            order_id: input.order_id,
            cart_id: input.cart_id,
            location_id: input.sale.location_id,
            staff_id: input.sale.staff_id,
            shipping_option_id: input.sale.pickup_shipping_option_id ?? "",
            payment_collection_id: input.payment_collection_id,
          },
        })
      ),
      buildReceipt(container as any, input.order_id),
    ])
    if (finished.status === "rejected") {
      throw finished.reason
    }
    if (receipt.status === "rejected") {
      throw receipt.reason
    }
    return new StepResponse(receipt.value)
  }
)

/**
 * Completes a paid sale at the counter under the sale's lock, so a retried request never runs it
 * twice at once: the order placed (or the one a cut-off completion placed), then captured, its
 * endless-aisle lines placed and queued, what is taken home handed over, and the receipt with the
 * change to hand back. Asking again after an interruption finishes what was left; asking again
 * after a full completion is refused. See docs/selling.md.
 */
export const completeCounterSaleWorkflow = createWorkflow(completeCounterSaleWorkflowId, (input: CompleteCounterSaleInput) => {
  const lock = acquireSaleLock(input)
  const state = checkSaleCompletionStep(input)
  const placed = placeSaleOrderStep(transform({ input, state }, ({ input, state }) => ({ sale: input, order_id: state.order_id })))
  const receipt = finishSaleStep(
    transform({ input, state, placed }, ({ input, state, placed }) => ({
      sale: input,
      cart_id: state.cart_id,
      order_id: placed.order_id,
      payment_collection_id: placed.payment_collection_id,
    }))
  )
  releaseSaleLock(lock)
  return new WorkflowResponse(receipt)
})

/**
 * Captured with each capture recorded on the order, the lines taken home
 * delivered here (on the fulfilment and on the order's lines), and no
 * endless-aisle reservation still keyed to the cart.
 */
async function isOrderFinished(container: Container, orderId: string, cartId: string, locationId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data }, { data: carts }] = await Promise.all([
    query.graph({
      entity: "order",
      fields: [
        "items.*",
        "items.detail.delivered_quantity",
        "fulfillments.location_id",
        "fulfillments.delivered_at",
        "fulfillments.canceled_at",
        "payment_collections.payments.captured_at",
        "payment_collections.payments.canceled_at",
        "payment_collections.payments.captures.id",
        "transactions.reference_id",
      ],
      filters: { id: orderId },
    }),
    query.graph({ entity: "cart", fields: ["items.id", "items.metadata"], filters: { id: cartId } }),
  ])
  const order = data[0] as any
  const here = (order?.fulfillments ?? []).filter((f: any) => f?.location_id === locationId && !f.canceled_at)
  const taken = (order?.items ?? []).filter((item: any) => item && !endlessOf(item))
  const takesHome = taken.length > 0
  // every line taken home is delivered on the order itself, not only on its fulfilment
  const delivered = taken.every((item: any) => MathBN.gte(item.detail?.delivered_quantity ?? 0, item.quantity ?? 0))
  // a payment canceled (an undone completion's, replaced by a new one) is not owed a capture
  const payments = (order?.payment_collections ?? []).flatMap((pc: any) => pc?.payments ?? []).filter((p: any) => p && !p.canceled_at)
  const recorded = new Set((order?.transactions ?? []).map((t: any) => t?.reference_id))
  const captures = payments.flatMap((p: any) => p?.captures ?? [])
  const endlessCartLines = ((carts[0] as any)?.items ?? []).filter((item: any) => endlessOf(item)).map((i: any) => i.id)
  const unplaced = endlessCartLines.length
    ? await container.resolve(Modules.INVENTORY).listReservationItems({ line_item_id: endlessCartLines }, { select: ["id"] })
    : []
  return (
    (!takesHome || (here.length > 0 && here.every((f: any) => f?.delivered_at) && delivered)) &&
    payments.every((p: any) => p?.captured_at) &&
    captures.every((c: any) => recorded.has(c?.id)) &&
    !unplaced.length
  )
}
