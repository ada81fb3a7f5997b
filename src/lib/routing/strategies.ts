import { InvalidInputError } from "../errors"
import type { EligibilityFilter, Ranker, RoutingNode, RoutingStrategy, RuleContext, RuleSet } from "./types"

const isPickupNode = (node: RoutingNode, context: RuleContext) => node.id === context.request.destination.pickup_node_id

const filter = (
  id: string,
  description: string,
  drop: (node: RoutingNode, context: RuleContext) => string | null
): EligibilityFilter => ({
  id,
  kind: "filter",
  description,
  apply(nodes, context) {
    const kept: RoutingNode[] = []
    const dropped: { node_id: string; reason: string }[] = []
    for (const node of nodes) {
      const reason = drop(node, context)
      if (reason) {
        dropped.push({ node_id: node.id, reason })
      } else {
        kept.push(node)
      }
    }
    return { kept, dropped }
  },
})

/** A disabled store takes no work. */
export const activeNodes = filter("active-nodes", "Disabled stores take no work", (node) =>
  node.active ? null : "disabled"
)

/** Stores ship online orders only when they opted in (the pickup store hands over its own stock regardless). */
export const optedIn = filter(
  "opted-in",
  "Stores that have not opted in to ship from store are skipped",
  (node, context) => (node.kind === "store" && !node.ships && !isPickupNode(node, context) ? "not opted in to ship from store" : null)
)

/** A store whose daily ship-from-store capacity is used up takes no more shipments today. */
export const capacity = filter("capacity", "Respect each store's daily ship-from-store capacity", (node, context) =>
  node.capacity_remaining !== null && node.capacity_remaining <= 0 && !isPickupNode(node, context)
    ? "daily ship-from-store capacity used up"
    : null
)

/** Nodes with nothing usable of the order (after safety stock) are no candidates. */
export const hasStock = filter("has-stock", "Only nodes with usable stock of the order (after safety stock)", (node, context) =>
  context.request.lines.some((line) => context.usable(node, line.inventory_item_id) > 0) ? null : "no usable stock of this order"
)

/** A pickup is handed over at the chosen store: it gives what it has first. */
export const pickupStoreFirst: Ranker = {
  id: "pickup-store-first",
  kind: "ranker",
  description: "A pickup is pinned to the chosen store",
  score: (node, context) => (isPickupNode(node, context) ? 0 : 1),
}

/** One node that can send the whole order beats any split. */
export const completeOrder: Ranker = {
  id: "complete-order",
  kind: "ranker",
  description: "Prefer one node that can ship the whole order",
  score: (node, context) => {
    const units = context.request.lines.reduce((sum, line) => sum + line.quantity, 0)
    const whole = context.request.lines.every((line) => context.usable(node, line.inventory_item_id) >= line.quantity)
    return whole && (node.capacity_remaining === null || node.capacity_remaining >= units) ? 0 : 1
  },
}

/** Within the radius a store ships before the warehouse; beyond it the warehouse goes first. */
export const storeWithinRadius: Ranker = {
  id: "store-within-radius",
  kind: "ranker",
  description: "Within a radius (default 50 miles / 80.5 km) prefer a store over the warehouse",
  score: (node, context) => {
    const radius = Number(context.options.radius_km ?? 80.47)
    if (node.kind === "warehouse") {
      return 1
    }
    const distance = context.distance_km(node)
    return distance !== null && distance <= radius ? 0 : 2
  },
}

/** The nearest node last decides. */
export const distance: Ranker = {
  id: "distance",
  kind: "ranker",
  description: "Nearest first (tie-break)",
  score: (node, context) => context.distance_km(node) ?? Number.MAX_SAFE_INTEGER,
}

const registry = new Map<string, RoutingStrategy>()

/**
 * Adds a strategy (a merchant's own filter or ranker) that rule sets can name by its id. A filter
 * judges, and a ranker scores, each node on its own: the engine ranks only the nodes that can
 * send the whole order when one can (docs/routing.md, Allocation).
 */
export function registerRoutingStrategy(strategy: RoutingStrategy) {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(strategy.id)) {
    throw new InvalidInputError(`Routing strategy ids are lower-case words with dashes; got "${strategy.id}"`)
  }
  registry.set(strategy.id, strategy)
}

export function routingStrategy(id: string): RoutingStrategy | undefined {
  return registry.get(id)
}

export function routingStrategies(): RoutingStrategy[] {
  return [...registry.values()]
}

for (const strategy of [activeNodes, optedIn, capacity, hasStock, pickupStoreFirst, completeOrder, storeWithinRadius, distance]) {
  registerRoutingStrategy(strategy)
}

/** The default rule set: filters, then rankers in the order the issue of record names them. */
export const DEFAULT_RULE_SET: RuleSet = {
  version: "default-1",
  rules: [
    { id: "active-nodes" },
    { id: "opted-in" },
    { id: "capacity" },
    { id: "has-stock" },
    { id: "pickup-store-first" },
    { id: "complete-order" },
    { id: "store-within-radius", options: { radius_km: 80.47 } },
    { id: "distance" },
  ],
  allow_split_line: false,
}
