import { routeOrder, type RoutingDecision, type RuleSet } from "../../lib/routing"
import { POS_MODULE } from "../../modules/pos"
import type PosModuleService from "../../modules/pos/service"
import { currentNodes, loadNetwork, loadOrderForRouting } from "./utils/network"

type Container = { resolve: (key: string) => any }

type Placed = { node_id: string; line_id: string; quantity: number }

const key = (allocations: Placed[]) =>
  allocations
    .map((a) => `${a.node_id}|${a.line_id.split("#")[0]}|${a.quantity}`)
    .sort()
    .join(",")

/**
 * Replays orders under a draft rule set without changing anything: no
 * reservation moves, no decision is stored. Each order is routed on today's
 * stock (its own reservations counted as available) and compared with the
 * decision it has. Answers the draft's split rate, average distance per unit,
 * share of units shipped from stores, load per node, and the orders whose
 * decision would change.
 */
export async function simulateRouting(container: Container, input: { order_ids?: string[]; last?: number; rule_set: RuleSet }) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  let orderIds = input.order_ids
  if (!orderIds?.length) {
    const recent = await pos.listPosRoutingDecisions({}, { select: ["order_id"], order: { created_at: "DESC" }, take: (input.last ?? 50) * 3 })
    orderIds = [...new Set(recent.map((d) => d.order_id))].slice(0, input.last ?? 50)
  }
  const network = await loadNetwork(container)
  let routed = 0
  let unroutable = 0
  let split = 0
  let units = 0
  let storeUnits = 0
  let distanceUnits = 0
  let distanceSum = 0
  const load: Record<string, { node_id: string; name: string; kind: string; units: number; capacity: number | null }> = {}
  const changed: { order_id: string; before: { status: string; allocations: Placed[] } | null; after: { status: string; allocations: Placed[]; reason?: string } }[] = []
  const skipped: string[] = []

  for (const orderId of orderIds) {
    const order = await loadOrderForRouting(container, network, orderId)
    if (!order) {
      skipped.push(orderId)
      continue
    }
    const { nodes } = await currentNodes(container, network, order)
    const draft: RoutingDecision = routeOrder({ lines: order.engine_lines, destination: order.destination }, nodes, input.rule_set)
    const after = draft.allocations.map((a) => ({ node_id: a.node_id, line_id: a.line_id.split("#")[0], quantity: a.quantity }))
    if (draft.status === "routed") {
      routed++
      split += draft.shipments > 1 ? 1 : 0
      for (const a of draft.allocations) {
        const node = nodes.find((n) => n.id === a.node_id)!
        const candidate = draft.trace.candidates.find((c) => c.node_id === a.node_id)
        units += a.quantity
        storeUnits += node.kind === "store" ? a.quantity : 0
        if (candidate?.distance_km != null) {
          distanceUnits += a.quantity
          distanceSum += candidate.distance_km * a.quantity
        }
        load[a.node_id] ??= {
          node_id: a.node_id,
          name: node.name,
          kind: node.kind,
          units: 0,
          capacity: network.storeByLocation.get(a.node_id)?.ship_from_store_capacity ?? null,
        }
        load[a.node_id].units += a.quantity
      }
    } else {
      unroutable++
    }
    const [current] = await pos.listPosRoutingDecisions({ order_id: orderId }, { order: { created_at: "DESC" }, take: 1 })
    const before = current
      ? { status: current.status as string, allocations: ((current.allocations as unknown as Placed[]) ?? []).map(({ node_id, line_id, quantity }) => ({ node_id, line_id, quantity })) }
      : null
    if (!before || before.status !== draft.status || key(before.allocations) !== key(after)) {
      changed.push({
        order_id: orderId,
        before,
        after: { status: draft.status, allocations: after, ...(draft.status === "unroutable" ? { reason: draft.reason } : {}) },
      })
    }
  }
  const round = (value: number) => Math.round(value * 1000) / 1000
  return {
    rule_set_version: input.rule_set.version,
    /** the orders replayed, to replay the same ones under another rule set */
    order_ids: orderIds,
    orders: orderIds.length - skipped.length,
    skipped,
    routed,
    unroutable,
    split_rate: routed ? round(split / routed) : 0,
    average_distance_km: distanceUnits ? round(distanceSum / distanceUnits) : null,
    share_shipped_from_stores: units ? round(storeUnits / units) : 0,
    // units per node against each store's daily ship-from-store capacity (warehouses: none)
    node_load: Object.values(load).sort((a, b) => b.units - a.units),
    changed,
  }
}
