import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { endlessOf, type EndlessAisleLine } from "../utils/endless-aisle"

type Container = { resolve: (key: string) => any }
type Reservation = { line_item_id: string; inventory_item_id: string; location_id: string; quantity: number }

/** Two endless-aisle parts are the same line when fulfillment, node and destination match (jsonb reorders keys). */
export function sameEndless(a: EndlessAisleLine | null, b: EndlessAisleLine | null) {
  const canon = (value: unknown) =>
    JSON.stringify(value ?? null, (_key, v) =>
      v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v
    )
  return !!a && !!b && canon(a) === canon(b)
}

/**
 * Reservations are made under the inventory items' locks, the keys Medusa's
 * own cart completion locks: of two tills reaching for the last unit at a
 * node, exactly one gets it (with Redis locking, across processes too).
 */
async function reserve(container: Container, items: Reservation[], metadata: Record<string, unknown>) {
  const inventory = container.resolve(Modules.INVENTORY)
  const locking = container.resolve(Modules.LOCKING)
  const keys = [...new Set(items.map((i) => i.inventory_item_id))]
  // ours are told apart from the reservations Medusa makes by metadata.pos_sale_id
  return await locking.execute(keys, async () => {
    for (const item of items) {
      const available = MathBN.convert(
        await inventory.retrieveAvailableQuantity(item.inventory_item_id, [item.location_id])
      ).toNumber()
      if (available < item.quantity) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Only ${Math.max(0, available)} of inventory item ${item.inventory_item_id} ${available === 1 ? "is" : "are"} ` +
            `left at location ${item.location_id}, ${item.quantity} needed: another sale or order took it; look the item up again`
        )
      }
    }
    const created = await inventory.createReservationItems(
      items.map((item) => ({ ...item, description: "POS endless aisle", metadata }))
    )
    return created.map((r: any) => r.id as string)
  })
}

async function deleteReservations(container: Container, ids: string[]) {
  if (!ids.length) {
    return
  }
  const inventory = container.resolve(Modules.INVENTORY)
  await inventory.deleteReservationItems(ids)
}

async function listReservations(container: Container, lineItemIds: string[]) {
  if (!lineItemIds.length) {
    return []
  }
  const inventory = container.resolve(Modules.INVENTORY)
  return (await inventory.listReservationItems({ line_item_id: lineItemIds })) as any[]
}

/** Releases what endless-aisle lines hold at their nodes (a removed line, a voided sale). */
export async function releaseEndlessAisleReservations(container: Container, lineItemIds: string[]) {
  const reservations = await listReservations(container, lineItemIds)
  await deleteReservations(
    container,
    reservations.map((r) => r.id)
  )
  return reservations.map(
    (r): Reservation => ({
      line_item_id: r.line_item_id,
      inventory_item_id: r.inventory_item_id,
      location_id: r.location_id,
      quantity: MathBN.convert(r.quantity).toNumber(),
    })
  )
}

export const reserveEndlessAisleStepId = "reserve-pos-endless-aisle"

/**
 * Reserves an endless-aisle line's added quantity at its node at once, keyed
 * to the cart line (the line the scan created or grew).
 */
export const reserveEndlessAisleStep = createStep(
  reserveEndlessAisleStepId,
  async (
    input: {
      sale_id: string
      cart_id: string
      variant_id: string
      line: EndlessAisleLine
      inventory: { inventory_item_id: string; quantity: number }[]
    },
    { container }
  ) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: carts } = await query.graph({
      entity: "cart",
      fields: ["items.id", "items.variant_id", "items.metadata"],
      filters: { id: input.cart_id },
    })
    const item = ((carts[0] as any)?.items ?? []).find(
      (i: any) => i?.variant_id === input.variant_id && sameEndless(endlessOf(i), input.line)
    )
    if (!item) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `The endless-aisle line of ${input.variant_id} is not on sale ${input.sale_id}`)
    }
    const ids = await reserve(
      container,
      input.inventory.map((i) => ({ ...i, line_item_id: item.id, location_id: input.line.source_location_id })),
      { pos_sale_id: input.sale_id, fulfillment: input.line.fulfillment }
    )
    return new StepResponse({ line_item_id: item.id as string, reservation_ids: ids }, ids)
  },
  async (ids, { container }) => {
    await deleteReservations(container, ids ?? [])
  }
)

export const releaseEndlessAisleStepId = "release-pos-endless-aisle"

/** Releases a line's reservations (the line is removed or replaced); compensation takes them again. */
export const releaseEndlessAisleStep = createStep(
  releaseEndlessAisleStepId,
  async (input: { line_item_ids: string[]; sale_id: string }, { container }) => {
    const released = await releaseEndlessAisleReservations(container, input.line_item_ids)
    return new StepResponse(void 0, { released, sale_id: input.sale_id })
  },
  async (data, { container }) => {
    if (data?.released.length) {
      await reserve(container, data.released, { pos_sale_id: data.sale_id })
    }
  }
)

/**
 * After the order exists: each endless-aisle order line's reservation is the
 * one taken at its node when it was scanned (now keyed to the order line, so
 * the node's fulfilment finds it). The completion reserves nothing for these
 * lines at the store. Safe to run again: what is placed already is left alone.
 */
export async function placeEndlessAisleReservations(
  container: Container,
  input: { order_id: string; cart_id: string }
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: orders }, { data: carts }] = await Promise.all([
    query.graph({ entity: "order", fields: ["items.id", "items.variant_id", "items.metadata"], filters: { id: input.order_id } }),
    query.graph({ entity: "cart", fields: ["items.id", "items.variant_id", "items.metadata"], filters: { id: input.cart_id } }),
  ])
  const orderItems = ((orders[0] as any)?.items ?? []).filter((i: any) => endlessOf(i)) as any[]
  if (!orderItems.length) {
    return { placed: 0 }
  }
  const cartItems = ((carts[0] as any)?.items ?? []) as any[]
  const inventory = container.resolve(Modules.INVENTORY)
  const locking = container.resolve(Modules.LOCKING)
  let placed = 0
  for (const orderItem of orderItems) {
    const line = endlessOf(orderItem)
    const cartItem = cartItems.find((c) => c?.variant_id === orderItem.variant_id && sameEndless(endlessOf(c), line))
    const lineIds = [orderItem.id, ...(cartItem ? [cartItem.id] : [])]
    const keys = [...new Set((await listReservations(container, lineIds)).map((r) => r.inventory_item_id as string))]
    if (!keys.length) {
      continue
    }
    await locking.execute(keys, async () => {
      // read again under the lock: a second run (a retried completion) sees what the first did
      for (const r of await listReservations(container, lineIds)) {
        const quantity = MathBN.convert(r.quantity).toNumber()
        if (cartItem && r.line_item_id === cartItem.id) {
          // the node's reservation, re-keyed to the order line: the new one first (the old
          // one still holds the units, hence allow_backorder), then the old one goes
          await inventory.createReservationItems([
            {
              line_item_id: orderItem.id,
              inventory_item_id: r.inventory_item_id,
              location_id: r.location_id,
              quantity,
              allow_backorder: true,
              description: r.description,
              metadata: { ...(r.metadata ?? {}), order_id: input.order_id },
            },
          ])
          await inventory.deleteReservationItems([r.id])
          placed++
        }
      }
    })
  }
  return { placed }
}

export const placeEndlessAisleReservationsStepId = "place-pos-endless-aisle-reservations"

export const placeEndlessAisleReservationsStep = createStep(
  placeEndlessAisleReservationsStepId,
  async (input: { order_id: string; cart_id: string }, { container }) => {
    return new StepResponse(await placeEndlessAisleReservations(container, input))
  }
)
