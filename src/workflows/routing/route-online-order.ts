import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { updateOrderWorkflow } from "@medusajs/medusa/core-flows"
import type { Point } from "../../lib/geo"
import { routeOrder, type Allocation, type RoutingDecision, type RoutingNode } from "../../lib/routing"
import { POS_MODULE } from "../../modules/pos"
import { RoutingDecisionStatus } from "../../modules/pos/models/routing-decision"
import { StoreTaskKind, StoreTaskStatus } from "../../modules/pos/models/store-task"
import type PosModuleService from "../../modules/pos/service"
import { withDefaultCapabilities } from "../../modules/pos/utils/capabilities"
import { availableAt } from "../sale/utils/find-variants"
import { createStoreTasks } from "./store-tasks"

type Container = { resolve: (key: string) => any }

/** how often an order is decided again when a chosen node lost the stock to another order meanwhile */
const MAX_ATTEMPTS = 3

const pointOf = (value: { latitude?: unknown; longitude?: unknown } | null | undefined): Point | null =>
  value && typeof value.latitude === "number" && typeof value.longitude === "number"
    ? { latitude: value.latitude, longitude: value.longitude }
    : value && value.latitude != null && value.longitude != null && !isNaN(Number(value.latitude)) && !isNaN(Number(value.longitude))
      ? { latitude: Number(value.latitude), longitude: Number(value.longitude) }
      : null

type EngineLine = { line_id: string; inventory_item_id: string; quantity: number }

/** Stores and stock locations, as routing needs them. */
export async function loadNetwork(container: Container) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: stores }, { data: locations }] = await Promise.all([
    query.graph({
      entity: "pos_store",
      fields: [
        "id",
        "name",
        "status",
        "capabilities",
        "latitude",
        "longitude",
        "ship_from_store_capacity",
        "stock_location.id",
        "stock_location.fulfillment_sets.service_zones.shipping_options.id",
      ],
    }),
    query.graph({ entity: "stock_location", fields: ["id", "name", "metadata"] }),
  ])
  const storeByLocation = new Map((stores as any[]).filter((s) => s.stock_location?.id).map((s) => [s.stock_location.id, s]))
  return { stores: stores as any[], locations: locations as any[], storeByLocation }
}
export type RoutingNetwork = Awaited<ReturnType<typeof loadNetwork>>

/**
 * What routing needs of an order: its managed lines (per inventory item), the
 * destination (a store's pickup option pins it there; a shipment is measured
 * from the point the storefront put on the address), or null for an order sold
 * at a till or without managed lines.
 */
export async function loadOrderForRouting(container: Container, network: RoutingNetwork, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "status",
      "metadata",
      "shipping_address.metadata",
      "shipping_methods.shipping_option_id",
      // items.* : a lone items.quantity can come back empty from query.graph
      "items.*",
      "items.variant.manage_inventory",
      "items.variant.inventory_items.inventory_item_id",
      "items.variant.inventory_items.required_quantity",
    ],
    filters: { id: orderId },
  })
  const order = orders[0] as any
  if (!order || order.metadata?.pos_store_id || order.status === "canceled") {
    return null
  }
  const lines: EngineLine[] = ((order.items ?? []) as any[])
    .filter((item) => item?.variant?.manage_inventory)
    .flatMap((item) =>
      (item.variant.inventory_items ?? []).map((link: any) => ({
        line_id: item.id as string,
        inventory_item_id: link.inventory_item_id as string,
        quantity: MathBN.mult(link.required_quantity ?? 1, item.quantity).toNumber(),
      }))
    )
  if (!lines.length) {
    return null
  }
  const optionIds = new Set(((order.shipping_methods ?? []) as any[]).map((m) => m?.shipping_option_id))
  const pickupStore = network.stores.find((s) =>
    (s.stock_location?.fulfillment_sets ?? []).some((set: any) =>
      (set?.service_zones ?? []).some((z: any) => (z?.shipping_options ?? []).some((o: any) => optionIds.has(o?.id)))
    )
  )
  return {
    order_id: order.id as string,
    item_ids: ((order.items ?? []) as any[]).map((i) => i.id as string),
    /** what a picker reads per line */
    item_info: Object.fromEntries(
      ((order.items ?? []) as any[]).map((i) => [i.id, { title: [i.product_title ?? i.title, i.variant_title].filter(Boolean).join(" · "), sku: i.variant_sku ?? null }])
    ) as Record<string, { title: string; sku: string | null }>,
    lines,
    // engine lines are per order line and inventory item
    engine_lines: lines.map((l, i) => ({ ...l, line_id: `${l.line_id}#${i}` })),
    destination: {
      point: pickupStore ? pointOf(pickupStore) : pointOf(order.shipping_address?.metadata),
      pickup_node_id: (pickupStore?.stock_location?.id as string | undefined) ?? null,
    },
  }
}
export type OrderForRouting = NonNullable<Awaited<ReturnType<typeof loadOrderForRouting>>>

/** Every node with what it can promise now of the order's items; the order's own reservations count as available. */
export async function currentNodes(
  container: Container,
  network: RoutingNetwork,
  input: Pick<OrderForRouting, "lines" | "item_ids">
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const inventory = container.resolve(Modules.INVENTORY)
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const dayStart = new Date()
  dayStart.setUTCHours(0, 0, 0, 0)
  const [{ data: levels }, own, shippedToday] = await Promise.all([
    query.graph({
      entity: "inventory_level",
      fields: ["inventory_item_id", "location_id", "stocked_quantity", "reserved_quantity"],
      filters: { inventory_item_id: [...new Set(input.lines.map((l) => l.inventory_item_id))] },
    }),
    // a re-route counts none of the order's reservations as free: they are in other stores' tasks
    (input.item_ids.length ? inventory.listReservationItems({ line_item_id: input.item_ids }) : Promise.resolve([])) as Promise<any[]>,
    // ship-from-store capacity is counted in units of today's ship tasks (UTC day)
    pos.listPosStoreTasks(
      { kind: StoreTaskKind.SHIP, created_at: { $gte: dayStart }, status: { $ne: StoreTaskStatus.CANCELED } },
      { select: ["store_id", "units"] }
    ),
  ])
  // levels and the order's own reservations by location, so each node reads only its own
  const levelsAt = new Map<string, any[]>()
  for (const level of levels as any[]) {
    levelsAt.set(level.location_id, [...(levelsAt.get(level.location_id) ?? []), level])
  }
  const ownAt = new Map<string, number>()
  for (const r of own) {
    const key = `${r.location_id}|${r.inventory_item_id}`
    ownAt.set(key, (ownAt.get(key) ?? 0) + MathBN.convert(r.quantity).toNumber())
  }
  const nodes: RoutingNode[] = network.locations
    .filter((location) => network.storeByLocation.has(location.id) || location.metadata?.sellable !== false)
    .map((location) => {
      const store = network.storeByLocation.get(location.id)
      const available: Record<string, number> = {}
      for (const level of levelsAt.get(location.id) ?? []) {
        available[level.inventory_item_id] = availableAt(level) + (ownAt.get(`${location.id}|${level.inventory_item_id}`) ?? 0)
      }
      return {
        id: location.id,
        name: store?.name ?? location.name,
        kind: store ? "store" : "warehouse",
        point: pointOf(store ?? location.metadata),
        active: store ? store.status === "active" : true,
        ships: store ? !!store.capabilities?.ship_from_store : true,
        capacity_remaining: store
          ? Math.max(
              0,
              (store.ship_from_store_capacity ?? 0) -
                shippedToday.filter((t) => t.store_id === store.id).reduce((sum, t) => sum + (t.units ?? 0), 0)
            )
          : null,
        available,
      } as RoutingNode
    })
  return { nodes, own }
}

/**
 * Routes an online order after Medusa placed it. Medusa reserved each line at
 * the first location of the order's sales channel that had it; this decides
 * deliberately with the routing engine and the merchant's rule set, and moves
 * the reservations to the chosen nodes: under the inventory items' locks, the
 * order's reservations are released and taken again where the engine said; if
 * a node no longer has the stock (another order got it first), they are put
 * back as they were and the order is decided again on fresh stock, up to three
 * times, then marked unroutable with the reason. The decision and its trace
 * are stored, and `routing.decided` is emitted. Orders sold at a till (POS)
 * are not routed. A `retry` (the scheduled job) records only a decision that routes.
 */
export async function routeOnlineOrder(container: Container, orderId: string, options: { retry?: boolean } = {}) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  // a till's order (every counter sale places one) is not routed: told apart before the network is read
  const [head] = await container.resolve(Modules.ORDER).listOrders({ id: orderId }, { select: ["id", "status", "metadata"] })
  if (!head || (head.metadata as Record<string, unknown> | null)?.pos_store_id || head.status === "canceled") {
    return null
  }
  const network = await loadNetwork(container)
  const input = await loadOrderForRouting(container, network, orderId)
  if (!input) {
    return null
  }

  // Decide on fresh stock; if another order took a chosen unit before the move, decide again.
  let decision!: RoutingDecision
  let lastFailure = ""
  const closed = pickupClosedReason(network, input.destination.pickup_node_id)
  for (let attempt = 1; attempt <= MAX_ATTEMPTS && !closed; attempt++) {
    const { nodes, own } = await currentNodes(container, network, input)
    decision = routeOrder({ lines: input.engine_lines, destination: input.destination }, nodes, await pos.routingRuleSet())
    if (decision.status !== "routed") {
      break
    }
    const moved = await moveReservations(container, input.lines, own, decision)
    if (moved.ok) {
      lastFailure = ""
      break
    }
    lastFailure = moved.reason
  }
  if (closed) {
    // a cart that chose the option before the switch went off: nothing is sent to a closed door
    const ruleSet = await pos.routingRuleSet()
    decision = {
      status: "unroutable",
      reason: closed,
      allocations: [],
      shipments: 0,
      trace: { rule_set_version: ruleSet.version, candidates: [], skipped_without_stock: 0, steps: [], ranking: [], method: "none", winners: [] },
    }
  }
  if (lastFailure) {
    decision = {
      status: "unroutable",
      reason: `The chosen nodes kept losing the stock to other orders while reserving (${lastFailure}); the order keeps its reservations and will be routed again`,
      allocations: [],
      shipments: 0,
      trace: decision.trace,
    }
  }
  if (options.retry && decision.status !== "routed") {
    // a retry that still finds nothing adds no row: the first decision already says why
    return null
  }
  const record = await pos.createPosRoutingDecisions({
    order_id: orderId,
    status: decision.status === "routed" ? RoutingDecisionStatus.ROUTED : RoutingDecisionStatus.UNROUTABLE,
    rule_set_version: decision.trace.rule_set_version,
    shipments: decision.shipments,
    allocations: decision.allocations.map((a) => ({ ...a, line_id: a.line_id.split("#")[0] })) as unknown as Record<string, unknown>,
    trace: decision.trace as unknown as Record<string, unknown>,
    reason: decision.status === "unroutable" ? decision.reason : null,
  })
  if (decision.status === "routed") {
    await createStoreTasks(container, network, input, record.id, record.allocations as unknown as Allocation[])
  }
  if (input.destination.pickup_node_id) {
    await pinPickupAddress(container, orderId, network.storeByLocation.get(input.destination.pickup_node_id))
  }
  await container.resolve(Modules.EVENT_BUS).emit({
    name: "routing.decided",
    data: { id: record.id, order_id: orderId, status: record.status },
  })
  return record
}

/** Why a pickup order cannot go to its pickup store (disabled, or its pickup switch off), or null when it can. */
export function pickupClosedReason(network: RoutingNetwork, pickupNodeId: string | null | undefined) {
  const store = pickupNodeId ? network.storeByLocation.get(pickupNodeId) : null
  if (!store) {
    return null
  }
  if (store.status !== "active") {
    return `${store.name} is disabled: it hands over no pickups. Change the order to shipping or cancel it`
  }
  if (!withDefaultCapabilities(store.capabilities).pickup) {
    return `${store.name} has its pickup switch off: it hands over no pickups. Change the order to shipping or cancel it`
  }
  return null
}

/**
 * A pickup order's address is the pickup store's own: whatever the cart said,
 * the order is set to the store's address (name and phone kept), so nothing
 * ships anywhere else.
 */
async function pinPickupAddress(container: Container, orderId: string, store: any) {
  if (!store) {
    return
  }
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const full = await pos.retrievePosStore(store.id)
  try {
    await updateOrderWorkflow(container as any).run({
      input: {
        id: orderId,
        user_id: "pos-routing",
        shipping_address: {
          company: full.name,
          address_1: full.address_1 ?? "",
          address_2: full.address_2 ?? "",
          city: full.city ?? "",
          province: full.province ?? "",
          postal_code: full.postal_code ?? "",
          country_code: full.country_code ?? undefined,
          metadata: { pos_pickup_store_id: full.id, latitude: full.latitude, longitude: full.longitude },
        },
      },
    })
  } catch (error: any) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`Could not set order ${orderId}'s address to its pickup store: ${error?.message ?? error}`)
  }
}

/** Releases the order's reservations and takes them again at the chosen nodes, all under the items' locks. */
async function moveReservations(
  container: Container,
  lines: { line_id: string; inventory_item_id: string; quantity: number }[],
  own: any[],
  decision: Extract<RoutingDecision, { status: "routed" }>
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const inventory = container.resolve(Modules.INVENTORY)
  const locking = container.resolve(Modules.LOCKING)
  const keys = [...new Set(lines.map((l) => l.inventory_item_id))]
  return await locking.execute(keys, async () => {
    // the order's reservations as they are now: if they changed since the decision
    // (the same order routed twice at once), decide again rather than move stale ones
    const lineIds = [...new Set(own.map((r) => r.line_item_id as string))]
    const current = lineIds.length ? ((await inventory.listReservationItems({ line_item_id: lineIds })) as any[]) : []
    const ids = (rows: any[]) => rows.map((r) => r.id).sort().join(",")
    if (ids(current) !== ids(own)) {
      return { ok: false as const, reason: "the order's reservations changed meanwhile" }
    }
    const wanted = decision.allocations.map((a) => ({
      line_item_id: a.line_id.split("#")[0],
      inventory_item_id: a.inventory_item_id,
      location_id: a.node_id,
      quantity: a.quantity,
    }))
    const same =
      own.length === wanted.length &&
      wanted.every((w) =>
        own.some(
          (r) =>
            r.line_item_id === w.line_item_id &&
            r.location_id === w.location_id &&
            r.inventory_item_id === w.inventory_item_id &&
            MathBN.eq(r.quantity, w.quantity)
        )
      )
    if (same) {
      return { ok: true as const }
    }
    const previous = own.map((r) => ({
      line_item_id: r.line_item_id,
      inventory_item_id: r.inventory_item_id,
      location_id: r.location_id,
      quantity: MathBN.convert(r.quantity).toNumber(),
      allow_backorder: r.allow_backorder,
    }))
    if (own.length) {
      await inventory.deleteReservationItems(own.map((r) => r.id))
    }
    try {
      await inventory.createReservationItems(wanted.map((w) => ({ ...w, description: "Routed by medusa-omnichannel-pos" })))
      return { ok: true as const }
    } catch (error: any) {
      // put back exactly what was there: never half-reserved
      if (previous.length) {
        await inventory.createReservationItems(previous.map((p) => ({ ...p, allow_backorder: true })))
      }
      return { ok: false as const, reason: error?.message ?? String(error) }
    }
  })
}
