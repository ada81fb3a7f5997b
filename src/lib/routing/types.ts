import type { Point } from "../geo"

/** One line of the order to place: how many of which inventory item. */
export type RoutingLine = {
  line_id: string
  inventory_item_id: string
  quantity: number
}

/** A node that could send (or hand over) stock: a store or a warehouse, as routing sees it. */
export type RoutingNode = {
  /** the node's stock location id */
  id: string
  name: string
  kind: "store" | "warehouse"
  point: Point | null
  /** a disabled store takes no work */
  active: boolean
  /** a store ships online orders only when it opted in; warehouses always ship */
  ships: boolean
  /** units it may still ship today (stores' daily ship-from-store capacity); null: no limit */
  capacity_remaining: number | null
  /** what it can promise per inventory item (stocked minus reserved) */
  available: Record<string, number>
  /** units per inventory item kept back from online orders (a number applies to every item) */
  safety_stock?: Record<string, number> | number
}

export type RoutingRequest = {
  lines: RoutingLine[]
  /** where the order goes: a point for shipments, or the pickup store's node */
  destination: { point: Point | null; pickup_node_id?: string | null }
}

/** One rule of a rule set, by the identifier of a strategy, with its options. */
export type RuleSpec = { id: string; options?: Record<string, unknown> }

export type RuleSet = {
  /** recorded with every decision, so a trace says which rules made it */
  version: string
  rules: RuleSpec[]
  /** may one line's quantity come from two nodes? Default false */
  allow_split_line?: boolean
  /** units kept back from online orders at each node: a default, and per node (stock location id) */
  safety_stock?: { default?: number; nodes?: Record<string, number> }
}

/** What a rule sees: the request, the candidates' distances, and its own options. */
export type RuleContext = {
  request: RoutingRequest
  distance_km: (node: RoutingNode) => number | null
  /** units a node can give of an inventory item after its safety stock */
  usable: (node: RoutingNode, inventoryItemId: string) => number
  options: Record<string, unknown>
}

/**
 * Drops nodes that may not take part, each with the reason. It must judge each node on its own
 * (not by which other nodes are in the list): the engine may give it only the nodes that matter.
 */
export type EligibilityFilter = {
  id: string
  kind: "filter"
  description: string
  apply: (nodes: RoutingNode[], context: RuleContext) => { kept: RoutingNode[]; dropped: { node_id: string; reason: string }[] }
}

/** Orders nodes: lower scores first; rankers compare in rule-set order, the first difference decides. */
export type Ranker = {
  id: string
  kind: "ranker"
  description: string
  score: (node: RoutingNode, context: RuleContext) => number
}

export type RoutingStrategy = EligibilityFilter | Ranker

export type Allocation = { node_id: string; line_id: string; inventory_item_id: string; quantity: number }

export type TraceStep =
  | { rule: string; kind: "filter"; kept: string[]; dropped: { node_id: string; reason: string }[] }
  | { rule: string; kind: "ranker"; scores: Record<string, number> }

export type RoutingTrace = {
  rule_set_version: string
  /**
   * the nodes ranked: for a one-node decision the pickup store and the nodes holding all that was
   * left to send; otherwise every node holding any of the order's items (and the pickup store)
   */
  candidates: { node_id: string; name: string; kind: RoutingNode["kind"]; distance_km: number | null }[]
  /** nodes holding none of the order's items, left out before any rule */
  skipped_without_stock: number
  /**
   * nodes holding only part of what was left to send, not ranked because one
   * node could send it all (set when the order went to one node)
   */
  partial_holders?: number
  steps: TraceStep[]
  /** nodes in final rank order */
  ranking: string[]
  /** how the allocation was found: one node for everything, or the fewest shipments */
  method: "single_node" | "fewest_shipments" | "none"
  winners: string[]
}

export type RoutingDecision =
  | { status: "routed"; allocations: Allocation[]; shipments: number; trace: RoutingTrace }
  | { status: "unroutable"; reason: string; allocations: []; shipments: 0; trace: RoutingTrace }
