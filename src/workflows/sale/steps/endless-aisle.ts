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

export const holdEndlessAisleForCompletionStepId = "hold-pos-endless-aisle-for-completion"

/**
 * Medusa's cart completion reserves every line at a location of the cart's
 * sales channel (the store), and refuses where the store has too few. An
 * endless-aisle line is already reserved at its node, so for it the store's
 * level is raised by its quantity just for Medusa's reservation; placing it
 * afterwards (placeEndlessAisleReservations) deletes that reservation and takes
 * the raise back, so the store's stock ends where it was. Compensation takes
 * the raise back when the completion fails.
 */
export const holdEndlessAisleForCompletionStep = createStep(
  holdEndlessAisleForCompletionStepId,
  async (
    input: { location_id: string; items: { quantity: unknown; metadata?: Record<string, unknown> | null; variant?: any }[] },
    { container }
  ) => {
    const raises = new Map<string, { quantity: number; has_level: boolean }>()
    for (const item of input.items) {
      if (!endlessOf(item) || !item.variant?.manage_inventory) {
        continue
      }
      for (const link of item.variant.inventory_items ?? []) {
        const quantity = MathBN.mult(link.required_quantity ?? 1, item.quantity as any).toNumber()
        const current = raises.get(link.inventory_item_id)
        raises.set(link.inventory_item_id, {
          quantity: (current?.quantity ?? 0) + quantity,
          has_level: (link.inventory?.location_levels ?? []).some((l: any) => l?.location_id === input.location_id),
        })
      }
    }
    const inventory = container.resolve(Modules.INVENTORY)
    const done: { inventory_item_id: string; quantity: number }[] = []
    if (!raises.size) {
      return new StepResponse(void 0, { location_id: input.location_id, done })
    }
    // under the items' locks, the keys Medusa's own stock adjustments take: the module's
    // adjustInventory reads the level and writes the sum
    await container.resolve(Modules.LOCKING).execute([...raises.keys()], async () => {
      try {
        for (const [inventory_item_id, raise] of raises) {
          // the stock step just before may have made the level (the same item also taken home)
          const hasLevel =
            raise.has_level ||
            (await inventory.listInventoryLevels({ inventory_item_id, location_id: input.location_id }, { select: ["id"] })).length > 0
          if (hasLevel) {
            await inventory.adjustInventory(inventory_item_id, input.location_id, raise.quantity)
          } else {
            await inventory.createInventoryLevels([{ inventory_item_id, location_id: input.location_id, stocked_quantity: raise.quantity }])
          }
          done.push({ inventory_item_id, quantity: raise.quantity })
        }
      } catch (error) {
        // a step that throws is not compensated: what it raised is taken back here
        await takeBackHolds(container, input.location_id, done, false)
        throw error
      }
    })
    return new StepResponse(void 0, { location_id: input.location_id, done })
  },
  async (data, { container }) => {
    if (data?.done.length) {
      await takeBackHolds(container, data.location_id, data.done)
    }
  }
)

async function takeBackHolds(
  container: Container,
  locationId: string,
  done: { inventory_item_id: string; quantity: number }[],
  lock = true
) {
  const inventory = container.resolve(Modules.INVENTORY)
  const takeBack = async () => {
    for (const raise of done) {
      await inventory.adjustInventory(raise.inventory_item_id, locationId, -raise.quantity)
    }
  }
  if (!done.length) {
    return
  }
  // under the items' locks, unless the caller holds them
  await (lock ? container.resolve(Modules.LOCKING).execute([...new Set(done.map((d) => d.inventory_item_id))], takeBack) : takeBack())
}

/**
 * After the order exists: each endless-aisle order line's reservation is the
 * one taken at its node when it was scanned (now keyed to the order line, so
 * the node's fulfilment finds it), and the completion's reservation at the
 * store is deleted together with its hold (holdEndlessAisleForCompletionStep).
 * Safe to run again: what is placed already is left alone.
 */
export async function placeEndlessAisleReservations(
  container: Container,
  input: { order_id: string; cart_id: string; store_location_id: string }
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
        if (r.line_item_id === orderItem.id && !r.metadata?.pos_sale_id && r.location_id === input.store_location_id) {
          // Medusa's reservation at the store, and the hold that made it possible
          await inventory.deleteReservationItems([r.id])
          await inventory.adjustInventory(r.inventory_item_id, input.store_location_id, -quantity)
        } else if (cartItem && r.line_item_id === cartItem.id) {
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
  async (input: { order_id: string; cart_id: string; store_location_id: string }, { container }) => {
    return new StepResponse(await placeEndlessAisleReservations(container, input))
  }
)
