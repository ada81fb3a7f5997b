/** The admin API's routing shapes (docs/routing.md), as the dashboard reads them. */

export type RuleSpec = { id: string; options?: Record<string, unknown> }

export type RuleSet = {
  version: string
  rules: RuleSpec[]
  allow_split_line?: boolean
  safety_stock?: { default?: number; nodes?: Record<string, number> }
}

export type Strategy = { id: string; kind: "filter" | "ranker"; description: string }

export type RoutingRules = { rule_set: RuleSet; strategies: Strategy[] }

export type Placed = { node_id: string; line_id: string; quantity: number }

export type Simulation = {
  rule_set_version: string
  order_ids: string[]
  orders: number
  skipped: string[]
  routed: number
  unroutable: number
  split_rate: number
  average_distance_km: number | null
  share_shipped_from_stores: number
  node_load: { node_id: string; name: string; kind: string; units: number; capacity: number | null }[]
  changed: {
    order_id: string
    before: { status: string; allocations: Placed[] } | null
    after: { status: string; allocations: Placed[]; reason?: string }
  }[]
}

export type TraceStep =
  | { rule: string; kind: "filter"; kept: string[]; dropped: { node_id: string; reason: string }[] }
  | { rule: string; kind: "ranker"; scores: Record<string, number> }

export type RoutingTrace = {
  rule_set_version: string
  candidates: { node_id: string; name: string; kind: "store" | "warehouse"; distance_km: number | null }[]
  skipped_without_stock: number
  partial_holders?: number
  steps: TraceStep[]
  ranking: string[]
  method: "single_node" | "fewest_shipments" | "none"
  winners: string[]
}

export type RoutingDecision = {
  id: string
  order_id: string
  status: "routed" | "unroutable"
  rule_set_version: string
  shipments: number
  allocations: { node_id: string; line_id: string; inventory_item_id: string; quantity: number }[]
  trace: RoutingTrace | null
  reason: string | null
  rerouted_from_task_id: string | null
  remainder: unknown
  created_at: string
}

export type TaskLine = {
  line_item_id: string
  title: string
  sku: string | null
  quantity: number
  picked: number
  short: number
  from_node_id: string | null
  from_node_name: string | null
  received?: number
  missing?: number
}

export type StoreTask = {
  id: string
  store_id: string
  store_name: string | null
  kind: "ship" | "pickup"
  status: "open" | "picked" | "ready" | "shipped" | "collected" | "expired" | "canceled"
  lines: TaskLine[]
  note: string | null
  ready_at: string | null
  expires_at: string | null
  arrived_at: string | null
  arrival_note: string | null
  collected_at: string | null
  shipped_at: string | null
  tracking_number: string | null
  units: number
  created_at: string
}

export type StoreReturn = {
  id: string
  store_id: string
  store_name: string | null
  staff_name: string | null
  status: string
  refund_to: string
  currency_code: string
  amount: number | null
  exchange_id: string | null
  lines: { line_item_id: string; title?: string; quantity: number; disposition?: string; reason?: string | null }[]
  received_at: string
  refunded_at: string | null
  failure_reason: string | null
}

export type OrderPos = {
  order_id: string
  decision: RoutingDecision | null
  history: RoutingDecision[]
  tasks: StoreTask[]
  returns: StoreReturn[]
}

export type PosStoreRef = { id: string; name: string; code: string; stock_location?: { id: string } | null }

export type StockLocationRef = { id: string; name: string }
