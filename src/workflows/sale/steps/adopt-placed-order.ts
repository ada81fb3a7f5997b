import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { endlessOf } from "../utils/endless-aisle"
import { VARIANT_STOCK_FIELDS } from "../utils/find-variants"
import { raiseStockInHand } from "./ensure-stock-in-hand"

/**
 * What the completion reads of a sale's cart before Medusa's completeCartWorkflow
 * runs: whether it has an order already, the lines with their stock at every
 * location (the check of the items in hand and the endless-aisle hold), and what
 * an order kept from a cut-off completion may lack (its links).
 */
export const SALE_CART_FIELDS = [
  "id",
  "completed_at",
  "order.id",
  "items.id",
  "items.variant_id",
  "items.quantity",
  "items.metadata",
  "items.variant.allow_backorder",
  ...VARIANT_STOCK_FIELDS.map((field) => `items.variant.${field}`),
  "promotions.id",
  "payment_collection.id",
]

/**
 * The reservations of the lines taken home, at the store's location (Medusa's
 * reserveInventoryStep input): one per inventory item of each line whose
 * variant manages inventory. Endless-aisle lines are not reserved here: each
 * holds its reservation at its node since it was scanned, and it is moved to
 * the order line once the order exists.
 */
export function saleReservations(order: { items: any[] }, cart: { items?: any[] }, locationId: string) {
  const variants = new Map<string, any>()
  for (const item of cart.items ?? []) {
    if (item?.variant) {
      variants.set(item.variant.id, item.variant)
    }
  }
  return {
    items: order.items.flatMap((line) => {
      const variant = variants.get(line.variant_id)
      if (!variant?.manage_inventory || endlessOf(line)) {
        return []
      }
      if (!((variant.inventory_items ?? []) as any[]).filter(Boolean).length) {
        // Medusa's completion refuses it so, before the order (prepareConfirmInventoryInput)
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Variant ${variant.id} does not have any inventory items associated with it.`
        )
      }
      return ((variant.inventory_items ?? []) as any[]).filter(Boolean).map((link) => ({
        id: line.id,
        inventory_item_id: link.inventory_item_id,
        required_quantity: link.required_quantity ?? 1,
        allow_backorder: !!variant.allow_backorder,
        quantity: line.quantity,
        location_ids: [locationId],
      }))
    }),
  }
}

/** The order's links to its cart, its promotions and its payment collection, as Medusa's completion makes them. */
export function saleOrderLinks(cart: any, orderId: string) {
  const links: Record<string, Record<string, string>>[] = [
    { [Modules.ORDER]: { order_id: orderId }, [Modules.CART]: { cart_id: cart.id } },
  ]
  for (const promotion of ((cart.promotions ?? []) as any[]).filter(Boolean)) {
    links.push({ [Modules.ORDER]: { order_id: orderId }, [Modules.PROMOTION]: { promotion_id: promotion.id } })
  }
  if (cart.payment_collection?.id) {
    links.push({
      [Modules.ORDER]: { order_id: orderId },
      [Modules.PAYMENT]: { payment_collection_id: cart.payment_collection.id },
    })
  }
  return links
}

export const completeAdoptedSaleOrderStepId = "complete-adopted-pos-sale-order"

/**
 * A cart that has an order already was placed by a completion cut off before
 * it recorded the order on the sale, possibly part-way through the steps that
 * run at once after the order is made. What the order lacks of them is made
 * here: its links to the payment collection and promotions, the cart marked
 * completed, the store's count raised for lines taken home that hold no
 * reservation (returned, for Medusa's reserveInventoryStep). The caller emits
 * `order.placed`, which the cut-off run never emitted (a workflow's events go
 * out at its end), with its own events, so only once it succeeds.
 * The promotions' usage cannot be told apart from other orders' and is not
 * counted again. Nothing here is undone on a later failure: the order stays,
 * as its placement did.
 */
export const completeAdoptedSaleOrderStep = createStep(
  completeAdoptedSaleOrderStepId,
  async (input: { cart: any; order_id: string; sale_id: string; store_id: string; location_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      // "items.*": an order line's quantity is only filled in with all of its fields
      fields: ["id", "items.*", "payment_collections.id", "promotions.id"],
      filters: { id: input.order_id },
    })
    const order = data[0] as any
    if (!order) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${input.order_id} of cart ${input.cart.id} was not found`)
    }
    const linked = new Set([
      ...((order.payment_collections ?? []) as any[]).map((pc) => pc?.id),
      ...((order.promotions ?? []) as any[]).map((p) => p?.id),
    ])
    const missingLinks = saleOrderLinks(input.cart, order.id)
      .slice(1)
      .filter((link) => !linked.has(link[Modules.PAYMENT]?.payment_collection_id ?? link[Modules.PROMOTION]?.promotion_id))
    if (missingLinks.length) {
      await container.resolve(ContainerRegistrationKeys.LINK).create(missingLinks as any)
    }
    if (!input.cart.completed_at) {
      await container.resolve(Modules.CART).updateCarts([{ id: input.cart.id, completed_at: new Date() }])
    }
    const items = ((order.items ?? []) as any[]).filter(Boolean)
    const held = new Set(
      (
        await container
          .resolve(Modules.INVENTORY)
          .listReservationItems({ line_item_id: items.map((i) => i.id) }, { select: ["line_item_id"] })
      ).map((r: any) => r.line_item_id)
    )
    const unreserved = items.filter((i) => !held.has(i.id))
    const reservations = saleReservations({ items: unreserved }, input.cart, input.location_id)
    // the items are in the customer's hands: a count too low here is raised and recorded, as at completion
    const toRaise = new Set(reservations.items.map((r) => r.id))
    const byVariant = new Map<string, number>()
    for (const line of unreserved.filter((i) => toRaise.has(i.id))) {
      byVariant.set(line.variant_id, (byVariant.get(line.variant_id) ?? 0) + MathBN.convert(line.quantity).toNumber())
    }
    const variants = new Map(((input.cart.items ?? []) as any[]).filter((i) => i?.variant).map((i) => [i.variant.id, i.variant]))
    for (const [variant_id, quantity] of byVariant) {
      await raiseStockInHand(container, {
        sale_id: input.sale_id,
        store_id: input.store_id,
        location_id: input.location_id,
        variant_id,
        quantity,
        variant: variants.get(variant_id),
      })
    }
    // the reservations it lacks, for Medusa's reserveInventoryStep
    return new StepResponse(reservations)
  }
)
