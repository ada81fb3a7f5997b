import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { endlessOf } from "../utils/endless-aisle"

export const loadCounterHandoverStepId = "load-pos-counter-handover"

/** Where the counter's hand-over of an order stands, read once. */
export type CounterHandover = {
  /** lines taken home, each with its whole quantity (endless-aisle lines are fulfilled at their nodes) */
  items: { id: string; quantity: number }[]
  /** whether the order has endless-aisle lines, whose reservations are placed at their nodes */
  has_endless_lines: boolean
  /** a fulfilment at the store's location is needed (lines taken home, none made yet) */
  needs_fulfillment: boolean
  /** a fulfilment made here earlier but not delivered (an interrupted completion) */
  undelivered_fulfillment_id: string | null
}

/**
 * Reads the order's lines and its fulfilments at the store's location: what
 * Medusa's createOrderFulfillmentWorkflow and markOrderFulfillmentAsDeliveredWorkflow
 * are asked to do for the lines taken home. Nothing is written.
 */
export const loadCounterHandoverStep = createStep(
  loadCounterHandoverStepId,
  async (input: { order_id: string; location_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      // "items.*": an order line's quantity is only filled in with all of its fields
      fields: ["id", "status", "items.*", "fulfillments.id", "fulfillments.location_id", "fulfillments.delivered_at", "fulfillments.canceled_at"],
      filters: { id: input.order_id },
    })
    const order = data[0] as any
    if (!order) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${input.order_id} was not found`)
    }
    const all = ((order.items ?? []) as any[]).filter(Boolean)
    const items = all.filter((item) => !endlessOf(item))
    // a canceled fulfilment (an undone hand-over) does not count
    const here = ((order.fulfillments ?? []) as any[]).filter((f) => f && !f.canceled_at && f.location_id === input.location_id)
    const needsFulfillment = items.length > 0 && !here.length
    if (needsFulfillment && order.status === "canceled") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Order ${order.id} is canceled; it is not handed over`)
    }
    return new StepResponse<CounterHandover>({
      items: items.map((item) => ({ id: item.id, quantity: MathBN.convert(item.quantity).toNumber() })),
      has_endless_lines: items.length < all.length,
      needs_fulfillment: needsFulfillment,
      undelivered_fulfillment_id: (here.find((f) => !f.delivered_at)?.id as string | undefined) ?? null,
    })
  }
)
