import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import type { Point } from "../../lib/geo"
import { routeOrder, type RoutingDecision, type RoutingNode } from "../../lib/routing"
import { POS_MODULE } from "../../modules/pos"
import { RoutingDecisionStatus } from "../../modules/pos/models/routing-decision"
import type PosModuleService from "../../modules/pos/service"
import { availableAt } from "../sale/utils/find-variants"

type Container = { resolve: (key: string) => any }

const pointOf = (value: { latitude?: unknown; longitude?: unknown } | null | undefined): Point | null =>
  value && typeof value.latitude === "number" && typeof value.longitude === "number"
    ? { latitude: value.latitude, longitude: value.longitude }
    : value && value.latitude != null && value.longitude != null && !isNaN(Number(value.latitude)) && !isNaN(Number(value.longitude))
      ? { latitude: Number(value.latitude), longitude: Number(value.longitude) }
      : null

/**
 * Routes an online order after Medusa placed it. Medusa reserved each line at
 * the first location of the order's sales channel that had it; this decides
 * deliberately with the routing engine and the merchant's rule set, and moves
 * the reservations to the chosen nodes: under the inventory items' locks, the
 * order's reservations are released and taken again where the engine said, or,
 * if a node no longer has the stock, put back as they were and the order
 * marked unroutable with the reason. The decision and its trace are stored, and
 * `routing.decided` is emitted. Orders sold at a till (POS) are not routed.
 */
export async function routeOnlineOrder(container: Container, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: [
      "id",
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
  if (!order || order.metadata?.pos_store_id) {
    return null
  }
  const lines = ((order.items ?? []) as any[])
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
  // engine lines are per order line and inventory item
  const engineLines = lines.map((l, i) => ({ ...l, line_id: `${l.line_id}#${i}` }))

  const [{ data: stores }, { data: locations }, { data: levels }] = await Promise.all([
    query.graph({
      entity: "pos_store",
      fields: [
        "id",
        "name",
        "status",
        "capabilities",
        "latitude",
        "longitude",
        "stock_location.id",
        "stock_location.fulfillment_sets.service_zones.shipping_options.id",
      ],
    }),
    query.graph({ entity: "stock_location", fields: ["id", "name", "metadata"] }),
    query.graph({
      entity: "inventory_level",
      fields: ["inventory_item_id", "location_id", "stocked_quantity", "reserved_quantity"],
      filters: { inventory_item_id: [...new Set(lines.map((l) => l.inventory_item_id))] },
    }),
  ])
  const inventory = container.resolve(Modules.INVENTORY)
  const own = (await inventory.listReservationItems({ line_item_id: (order.items ?? []).map((i: any) => i.id) })) as any[]

  // A pickup order (a store's pickup option) is pinned to that store.
  const optionIds = new Set(((order.shipping_methods ?? []) as any[]).map((m) => m?.shipping_option_id))
  const pickupStore = (stores as any[]).find((s) =>
    (s.stock_location?.fulfillment_sets ?? []).some((set: any) =>
      (set?.service_zones ?? []).some((z: any) => (z?.shipping_options ?? []).some((o: any) => optionIds.has(o?.id)))
    )
  )
  const storeByLocation = new Map((stores as any[]).filter((s) => s.stock_location?.id).map((s) => [s.stock_location.id, s]))
  const nodes: RoutingNode[] = (locations as any[])
    .filter((location) => storeByLocation.has(location.id) || location.metadata?.sellable !== false)
    .map((location) => {
      const store = storeByLocation.get(location.id)
      const available: Record<string, number> = {}
      for (const level of (levels as any[]).filter((l) => l.location_id === location.id)) {
        // this order's own reservations do not count against it
        const mine = own
          .filter((r) => r.location_id === location.id && r.inventory_item_id === level.inventory_item_id)
          .reduce((sum, r) => sum + MathBN.convert(r.quantity).toNumber(), 0)
        available[level.inventory_item_id] = availableAt(level) + mine
      }
      return {
        id: location.id,
        name: store?.name ?? location.name,
        kind: store ? "store" : "warehouse",
        point: pointOf(store ?? location.metadata),
        active: store ? store.status === "active" : true,
        ships: store ? !!store.capabilities?.ship_from_store : true,
        capacity_remaining: null,
        available,
      } as RoutingNode
    })
  const destination = {
    point: pickupStore ? pointOf(pickupStore) : pointOf(order.shipping_address?.metadata),
    pickup_node_id: pickupStore?.stock_location?.id ?? null,
  }
  let decision: RoutingDecision = routeOrder({ lines: engineLines, destination }, nodes, pos.settings.routing)

  if (decision.status === "routed") {
    const moved = await moveReservations(container, lines, own, decision)
    if (!moved.ok) {
      decision = {
        status: "unroutable",
        reason: `A chosen node no longer had the stock when reserving (${moved.reason}); the order keeps its reservations and will be routed again`,
        allocations: [],
        shipments: 0,
        trace: decision.trace,
      }
    }
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
  await container.resolve(Modules.EVENT_BUS).emit({
    name: "routing.decided",
    data: { id: record.id, order_id: orderId, status: record.status },
  })
  return record
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
