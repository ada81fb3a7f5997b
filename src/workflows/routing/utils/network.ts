import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import type { Point } from "../../../lib/geo"
import type { RoutingNode } from "../../../lib/routing"
import { POS_MODULE } from "../../../modules/pos"
import { StoreTaskKind, StoreTaskStatus } from "../../../modules/pos/models/store-task"
import type PosModuleService from "../../../modules/pos/service"
import { withDefaultCapabilities } from "../../../modules/pos/utils/capabilities"
import { availableAt } from "../../sale/utils/find-variants"

type Container = { resolve: (key: string) => any }

export const pointOf = (value: { latitude?: unknown; longitude?: unknown } | null | undefined): Point | null =>
  value && typeof value.latitude === "number" && typeof value.longitude === "number"
    ? { latitude: value.latitude, longitude: value.longitude }
    : value && value.latitude != null && value.longitude != null && !isNaN(Number(value.latitude)) && !isNaN(Number(value.longitude))
      ? { latitude: Number(value.latitude), longitude: Number(value.longitude) }
      : null

/**
 * The network of nodes, as routing and endless aisle both read it: stores (with their stock
 * location, pickup options, capabilities and daily ship capacity) and stock locations.
 */
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

/** A node's name: its store's, else its stock location's. */
export const nodeName = (network: RoutingNetwork, nodeId: string) =>
  (network.storeByLocation.get(nodeId)?.name as string | undefined) ?? (network.locations.find((l) => l.id === nodeId)?.name as string | undefined) ?? nodeId

/**
 * Every node with what it can promise now of the given inventory items (stocked minus reserved),
 * its point, whether it is active and ships, and the ship-from-store capacity left today (in
 * units of today's ship tasks, UTC day). Reservations of `item_ids` (the order's own lines) count
 * as available: moving them is what routing does. Stock locations marked `sellable: false`
 * (quarantine, refurbishment) are no nodes.
 */
export async function currentNodes(
  container: Container,
  network: RoutingNetwork,
  input: { lines: { inventory_item_id: string }[]; item_ids: string[] }
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
    (input.item_ids.length ? inventory.listReservationItems({ line_item_id: input.item_ids }) : Promise.resolve([])) as Promise<any[]>,
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
 * What routing needs of an order: its managed lines (per inventory item), the
 * destination (a store's pickup option pins it there; a shipment is measured
 * from the point the storefront put on the address), or null for an order sold
 * at a till, canceled, or without managed lines.
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
