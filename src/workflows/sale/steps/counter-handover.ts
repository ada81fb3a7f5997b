import type { FulfillmentWorkflow } from "@medusajs/framework/types"
import { ChangeActionType, ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { endlessOf } from "../utils/endless-aisle"

export const loadCounterHandoverStepId = "load-pos-counter-handover"

/** What the counter needs to fulfil and deliver the lines taken home, read once. */
export type CounterHandover = {
  order_id: string
  location_id: string
  /** lines taken home (endless-aisle lines are fulfilled later at their nodes) */
  items: any[]
  /** whether the order has endless-aisle lines, whose reservations are placed at their nodes */
  has_endless_lines: boolean
  fulfillments: { id: string; location_id: string; delivered_at: string | Date | null; canceled_at: string | Date | null }[]
  reservations: { id: string; line_item_id: string; inventory_item_id: string; quantity: any; location_id: string }[]
  shipping_option: { id: string; provider_id: string } | null
  shipping_method_data: Record<string, unknown> | null
  order: Record<string, unknown>
}

const ORDER_FIELDS = [
  "id",
  "status",
  "display_id",
  "currency_code",
  "email",
  "shipping_address.*",
  "shipping_methods.shipping_option_id",
  "shipping_methods.data",
  // "items.*": an order line's quantity is only filled in with all of its fields
  "items.*",
  "items.variant.manage_inventory",
  "items.variant.inventory_items.required_quantity",
  "items.variant.inventory_items.inventory.id",
  "items.variant.inventory_items.inventory.title",
  "items.variant.inventory_items.inventory.sku",
  "fulfillments.id",
  "fulfillments.location_id",
  "fulfillments.delivered_at",
  "fulfillments.canceled_at",
]

/**
 * Reads, in one round, what Medusa's createOrderFulfillmentWorkflow and
 * markOrderFulfillmentAsDeliveredWorkflow would read in five: the order's lines
 * with their inventory items, the lines' reservations and the fulfilment
 * provider of the order's pickup method (the store's pickup option when the
 * order has no method of it). Nothing is written.
 */
export const loadCounterHandoverStep = createStep(
  loadCounterHandoverStepId,
  async (input: { order_id: string; location_id: string; shipping_option_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const inventory = container.resolve(Modules.INVENTORY)
    const fulfillment = container.resolve(Modules.FULFILLMENT)
    const { data } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: input.order_id } })
    const order = data[0] as any
    if (!order) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${input.order_id} was not found`)
    }
    const items = ((order.items ?? []) as any[]).filter((item) => item && !endlessOf(item))
    // the option of the order's own pickup method, as Medusa's order fulfilment takes it
    const methods = ((order.shipping_methods ?? []) as any[]).filter(Boolean)
    const method = methods.find((m) => m.shipping_option_id === input.shipping_option_id) ?? methods[0]
    const optionId = (method?.shipping_option_id as string | undefined) ?? input.shipping_option_id
    const [reservations, options] = await Promise.all([
      items.length
        ? inventory.listReservationItems(
            { line_item_id: items.map((i) => i.id) },
            { select: ["id", "line_item_id", "inventory_item_id", "quantity", "location_id"] }
          )
        : [],
      optionId ? fulfillment.listShippingOptions({ id: optionId }, { select: ["id", "provider_id"] }) : [],
    ])
    const { items: _items, fulfillments, shipping_methods: _methods, ...orderRest } = order
    return new StepResponse<CounterHandover>({
      order_id: order.id,
      location_id: input.location_id,
      items,
      has_endless_lines: items.length < ((order.items ?? []) as any[]).filter(Boolean).length,
      // a canceled fulfilment (an undone hand-over) does not count
      fulfillments: ((fulfillments ?? []) as any[]).filter((f) => f && !f.canceled_at),
      reservations: reservations as any,
      shipping_option: (options[0] as any) ?? null,
      shipping_method_data: method?.data ?? null,
      // the provider's view of the order (its own copy: a step's answer is serialized)
      order: { ...orderRest, items: items.map((item) => ({ ...item })) },
    })
  }
)

/**
 * The fulfilment, the inventory moves and the order's delivery for the lines
 * taken home, computed as Medusa's createOrderFulfillmentWorkflow and
 * markOrderFulfillmentAsDeliveredWorkflow compute them: one fulfilment item per
 * reservation (kits give several), the stock taken off the store's level, each
 * reservation deleted (or lowered, if it held more).
 */
export function prepareCounterHandover(handover: CounterHandover, createdBy: string) {
  if ((handover.order as any).status === "canceled") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Order ${handover.order_id} is canceled; it is not handed over`)
  }
  if (!handover.shipping_option) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `The pickup shipping option of order ${handover.order_id} is gone; the order cannot be handed over`
    )
  }
  const byLine = new Map<string, CounterHandover["reservations"]>()
  for (const reservation of handover.reservations) {
    byLine.set(reservation.line_item_id, [...(byLine.get(reservation.line_item_id) ?? []), reservation])
  }
  const fulfillmentItems: FulfillmentWorkflow.CreateFulfillmentItemWorkflowDTO[] = []
  const adjustments: { inventory_item_id: string; location_id: string; adjustment: number }[] = []
  const toDelete: string[] = []
  const toUpdate: { id: string; quantity: number; location_id: string }[] = []
  // order quantities come back as BigNumbers; the steps below take numbers
  const quantityOf = (item: any) => MathBN.convert(item.quantity).toNumber()
  for (const item of handover.items) {
    const reservations = byLine.get(item.id) ?? []
    if (!reservations.length) {
      if (item.variant?.manage_inventory) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `No stock reservation found for item ${item.id} - ${item.title} (${item.variant_title})`
        )
      }
      fulfillmentItems.push({
        line_item_id: item.id,
        quantity: quantityOf(item),
        title: item.variant_title ?? item.title,
        sku: item.variant_sku || "",
        barcode: item.variant_barcode || "",
      })
      continue
    }
    for (const reservation of reservations) {
      const link = (item.variant?.inventory_items ?? []).find((ii: any) => ii?.inventory?.id === reservation.inventory_item_id)
      const quantity = MathBN.mult(link?.required_quantity ?? 1, quantityOf(item)).toNumber()
      const remaining = MathBN.sub(reservation.quantity, quantity).toNumber()
      if (remaining < 0) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Quantity to fulfill exceeds the reserved quantity for the item: ${item.id}`)
      }
      fulfillmentItems.push({
        line_item_id: item.id,
        inventory_item_id: reservation.inventory_item_id,
        quantity,
        title: link?.inventory?.title || item.variant_title || item.title,
        sku: link?.inventory?.sku || item.variant_sku || "",
        barcode: item.variant_barcode || "",
      })
      adjustments.push({
        inventory_item_id: reservation.inventory_item_id,
        location_id: handover.location_id,
        adjustment: -quantity,
      })
      if (remaining === 0) {
        toDelete.push(reservation.id)
      } else {
        toUpdate.push({ id: reservation.id, quantity: remaining, location_id: handover.location_id })
      }
    }
  }
  const { id: _addressId, ...address } = ((handover.order as any).shipping_address ?? {}) as Record<string, unknown>
  const lines = handover.items.map((item) => ({ id: item.id as string, quantity: quantityOf(item) }))
  // requires_shipping is stored on the fulfilment, as Medusa's own order fulfilment passes it
  const fulfillment = {
    location_id: handover.location_id,
    provider_id: handover.shipping_option.provider_id,
    shipping_option_id: handover.shipping_option.id,
    order: handover.order,
    data: handover.shipping_method_data ?? undefined,
    items: fulfillmentItems,
    requires_shipping: handover.items.some((item) => item.requires_shipping),
    labels: [],
    delivery_address: address,
    created_by: createdBy,
    packed_at: new Date(),
  } as FulfillmentWorkflow.CreateFulfillmentWorkflowInput
  return {
    fulfillment,
    adjustments,
    to_delete: toDelete,
    to_update: toUpdate,
    lines,
  }
}

export const registerCounterHandoverStepId = "register-pos-counter-handover"

/**
 * Records on the order that its lines taken home were fulfilled and delivered,
 * in one order change: the FULFILL_ITEM and DELIVER_ITEM actions that Medusa's
 * registerFulfillment and registerDelivery each make in a change of their own.
 * Compensation reverts that version, as Medusa's own steps do.
 */
export const registerCounterHandoverStep = createStep(
  registerCounterHandoverStepId,
  async (
    input: { order_id: string; fulfillment_id: string; created_by: string; items: { id: string; quantity: number }[] },
    { container }
  ) => {
    const orders = container.resolve(Modules.ORDER)
    const action = (type: ChangeActionType) =>
      input.items.map((item) => ({
        action: type,
        reference: Modules.FULFILLMENT,
        reference_id: input.fulfillment_id,
        details: { reference_id: item.id, quantity: item.quantity },
      }))
    const change = await orders.createOrderChange({
      order_id: input.order_id,
      created_by: input.created_by,
      actions: [...action(ChangeActionType.FULFILL_ITEM), ...action(ChangeActionType.DELIVER_ITEM)],
    } as any)
    try {
      await orders.confirmOrderChange(change.id)
    } catch (error) {
      // Medusa's registerFulfillment makes and confirms its change in one transaction; here a
      // refused confirmation must not leave a pending change that blocks every later change
      await orders.cancelOrderChange(change.id).catch(() => undefined)
      throw error
    }
    return new StepResponse(void 0, input.order_id)
  },
  async (orderId, { container }) => {
    if (!orderId) {
      return
    }
    await container.resolve(Modules.ORDER).revertLastVersion(orderId)
  }
)
