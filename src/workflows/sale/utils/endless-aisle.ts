import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { distanceKm, type Point } from "../../../lib/geo"
import { DEFAULT_RULE_SET, routeOrder, type RoutingNode, type RuleSet } from "../../../lib/routing"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { currentNodes, loadNetwork, pointOf } from "../../routing/utils/network"

/** Where a line the customer does not take home goes. */
export type EndlessFulfillment = "ship" | "pickup"

export type ShipTo = {
  first_name?: string
  last_name?: string
  address_1: string
  address_2?: string
  city: string
  province?: string
  postal_code: string
  country_code: string
  phone?: string
}

/**
 * Kept in the cart line's metadata (and so on the order line): Medusa merges a
 * second scan into the line only when all of it matches, so one line is one
 * fulfillment from one node to one destination.
 */
export type EndlessAisleLine = {
  fulfillment: EndlessFulfillment
  source_location_id: string
  source_name: string
  source_store_id: string | null
  pickup_store_id: string | null
  ship_to: ShipTo | null
}

export const ENDLESS_AISLE_KEY = "pos_endless_aisle"

/** The endless-aisle part of a cart or order line, or null for an item taken home. */
export function endlessOf(item: { metadata?: Record<string, unknown> | null } | null | undefined): EndlessAisleLine | null {
  const value = item?.metadata?.[ENDLESS_AISLE_KEY] as EndlessAisleLine | undefined
  return value && typeof value === "object" && value.source_location_id ? value : null
}

export type SourceCandidate = {
  location_id: string
  name: string
  kind: "store" | "warehouse"
  store_id: string | null
  /** null when the node has no coordinates: ranked after every node that has */
  distance_km: number | null
  /** how many of the line's unit this node can still promise (the scarcest inventory item decides) */
  available_units: number
}

/**
 * The node a line is sold from, by the routing engine (the merchant's rule
 * set): one node sends all of it. A pickup prefers the pickup store; when that
 * would need a second node, the line comes whole from the best other node.
 */
export function pickSource(
  nodes: RoutingNode[],
  inventory: { inventory_item_id: string; quantity: number }[],
  destination: { point: Point | null; pickup_node_id?: string | null },
  ruleSet: RuleSet = DEFAULT_RULE_SET
): string | null {
  const lines = inventory.map((item, i) => ({ line_id: `item-${i}`, ...item }))
  const single = (pickupNodeId: string | null) => {
    const decision = routeOrder({ lines, destination: { point: destination.point, pickup_node_id: pickupNodeId } }, nodes, {
      ...ruleSet,
      allow_split_line: false,
    })
    const used = new Set(decision.allocations.map((a) => a.node_id))
    return decision.status === "routed" && used.size === 1 ? [...used][0] : null
  }
  return single(destination.pickup_node_id ?? null) ?? (destination.pickup_node_id ? single(null) : null)
}

/** The nodes the rule set's filters keep for these items (full trace): those that may send, whatever they hold. */
export function mayNodesSend(
  nodes: RoutingNode[],
  inventory: { inventory_item_id: string; quantity: number }[],
  destination: { point: Point | null; pickup_node_id?: string | null },
  ruleSet: RuleSet
) {
  const lines = inventory.map((item, i) => ({ line_id: `item-${i}`, ...item }))
  const { trace } = routeOrder({ lines, destination }, nodes, { ...ruleSet, allow_split_line: false }, { exhaustive: true })
  const dropped = new Set(trace.steps.flatMap((step) => (step.kind === "filter" ? step.dropped.map((d) => d.node_id) : [])))
  // nodes holding none of the items are not traced, and count 0 wherever they are
  return nodes.filter((node) => !dropped.has(node.id))
}

export type ChooseSourceInput = {
  variant_id: string
  quantity: number
  fulfillment: EndlessFulfillment
  selling_store_id: string
  pickup_store_id?: string | null
}

export type ChosenSource = SourceCandidate & {
  /** what to reserve there: each inventory item of the variant, times the line's quantity */
  inventory: { inventory_item_id: string; quantity: number }[]
  pickup_store: { id: string; name: string; location_id: string } | null
}

/**
 * Picks the node an endless-aisle line comes from, with the routing engine and the merchant's
 * rule set, over the same network and stock that online routing reads (loadNetwork,
 * currentNodes): what the engine chooses is the source, nothing filters it afterwards.
 * Refuses with the reason when no node may send the quantity.
 */
export async function chooseSource(container: MedusaContainer, input: ChooseSourceInput): Promise<ChosenSource> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: variants }, network] = await Promise.all([
    query.graph({
      entity: "product_variant",
      fields: ["id", "sku", "manage_inventory", "inventory_items.inventory_item_id", "inventory_items.required_quantity"],
      filters: { id: input.variant_id },
    }),
    loadNetwork(container),
  ])
  const variant = variants[0] as any
  if (!variant) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Variant ${input.variant_id} was not found`)
  }
  const links = (variant.inventory_items ?? []) as any[]
  if (!variant.manage_inventory || !links.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `${variant.sku ?? variant.id} has no managed stock to send from another node; sell it as taken home`
    )
  }

  const selling = network.stores.find((s) => s.id === input.selling_store_id)
  let pickup: any = null
  if (input.fulfillment === "pickup") {
    pickup = network.stores.find((s) => s.id === input.pickup_store_id)
    if (!pickup) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Pickup store ${input.pickup_store_id} was not found`)
    }
    if (pickup.status !== "active" || pickup.capabilities?.pickup === false || !pickup.stock_location?.id) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Store ${pickup.name} does not hand over pickups (it is ${pickup.status}` +
          `${pickup.capabilities?.pickup === false ? ", pickup is switched off" : ""}); choose another store`
      )
    }
  }
  const here = pointOf(pickup ?? selling)
  const inventory = links.map((link) => ({
    inventory_item_id: link.inventory_item_id as string,
    quantity: input.quantity * MathBN.convert(link.required_quantity ?? 1).toNumber(),
  }))
  const { nodes } = await currentNodes(container, network, { lines: inventory, item_ids: [] })
  const unitsAt = (node: RoutingNode) =>
    Math.min(
      ...links.map((link) => Math.floor((node.available[link.inventory_item_id] ?? 0) / MathBN.convert(link.required_quantity ?? 1).toNumber()))
    )
  const candidateOf = (node: RoutingNode): SourceCandidate => ({
    location_id: node.id,
    name: node.name,
    kind: node.kind,
    store_id: network.storeByLocation.get(node.id)?.id ?? null,
    distance_km: here && node.point ? distanceKm(here, node.point) : null,
    available_units: Math.max(0, unitsAt(node)),
  })

  const pos: PosModuleService = container.resolve(POS_MODULE)
  const ruleSet = await pos.routingRuleSet()
  const destination = { point: here, pickup_node_id: pickup?.stock_location?.id ?? null }
  const sourceId = pickSource(nodes, inventory, destination, ruleSet)
  const chosen = nodes.find((n) => n.id === sourceId)
  if (!chosen) {
    // the reason names the most that one node the rules let send has
    const best = Math.max(0, ...mayNodesSend(nodes, inventory, destination, ruleSet).map(unitsAt))
    const barred = nodes.filter((n) => n.active && unitsAt(n) > 0).map((n) => n.name)
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `No node can ${input.fulfillment === "ship" ? "ship" : "send to the pickup store"} ${input.quantity} of ` +
        `${variant.sku ?? variant.id}: ` +
        (best > 0
          ? `the most any one node has is ${best}`
          : barred.length
            ? `${barred.join(", ")} ${barred.length === 1 ? "has" : "have"} it, but the routing rules in force do not let ${barred.length === 1 ? "it" : "them"} send it`
            : "none has it in stock")
    )
  }
  return {
    ...candidateOf(chosen),
    inventory,
    pickup_store: pickup ? { id: pickup.id, name: pickup.name, location_id: pickup.stock_location.id } : null,
  }
}

/** What a quantity of a variant takes from stock: each inventory item, times its required quantity. */
export async function inventoryFor(container: MedusaContainer, variantId: string, quantity: number) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["inventory_items.inventory_item_id", "inventory_items.required_quantity"],
    filters: { id: variantId },
  })
  return (((data[0] as any)?.inventory_items ?? []) as any[]).map((link) => ({
    inventory_item_id: link.inventory_item_id as string,
    quantity: quantity * MathBN.convert(link.required_quantity ?? 1).toNumber(),
  }))
}
