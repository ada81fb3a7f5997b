import { InvalidInputError } from "../errors"
import { distanceKm } from "../geo"
import { routingStrategy, DEFAULT_RULE_SET } from "./strategies"
import type {
  Allocation,
  RoutingDecision,
  RoutingNode,
  RoutingRequest,
  RoutingTrace,
  RuleContext,
  RuleSet,
  TraceStep,
} from "./types"

function safetyOf(node: RoutingNode, inventoryItemId: string, ruleSet: RuleSet) {
  // the node's own figure, else the rule set's for this node, else the rule set's default
  const safety = node.safety_stock ?? ruleSet.safety_stock?.nodes?.[node.id] ?? ruleSet.safety_stock?.default
  return typeof safety === "number" ? safety : (safety?.[inventoryItemId] ?? 0)
}

/**
 * Places an order's lines on nodes. Pure: no container, no database. The rule
 * set's filters run in order and drop ineligible nodes (each drop with its
 * reason); its rankers order the rest (compared in rule-set order, ties by
 * id). Then:
 *
 * - a pickup takes from the pickup store what it has first;
 * - what is left goes to the first node in rank order that can send all of it
 *   (one shipment), or else to the fewest nodes that can (each time the node
 *   covering most of what is left, ties in rank order); a line is not split
 *   across nodes unless the rule set allows it;
 * - if something cannot be covered, the decision is `unroutable` with the
 *   reason and no allocation at all (nothing half-reserved).
 *
 * Every decision carries its trace: candidates, each rule's verdicts or
 * scores, the ranking, the method and the winners, and the rule-set version.
 * When one node can send the order, only the nodes that hold all of it are
 * candidates (the others are counted in `partial_holders`); a split ranks
 * every holder. `exhaustive` ranks every holder always (a full trace).
 * `nodes` may be an index (indexNodes) for routing many orders over one network.
 */
export function routeOrder(
  request: RoutingRequest,
  nodes: RoutingNode[] | NodeIndex,
  ruleSet: RuleSet = DEFAULT_RULE_SET,
  options: { exhaustive?: boolean } = {}
): RoutingDecision {
  for (const line of request.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
      throw new InvalidInputError(`Line ${line.line_id} has quantity ${line.quantity}; routing takes whole quantities above 0`)
    }
  }
  const index = isNodeIndex(nodes) ? nodes : null
  const all = index ? index.nodes : (nodes as RoutingNode[])
  const pickupNodeId = request.destination.pickup_node_id ?? null
  const pickupNode = pickupNodeId ? (index ? index.byId.get(pickupNodeId) : all.find((n) => n.id === pickupNodeId)) : undefined
  const items = [...new Set(request.lines.map((line) => line.inventory_item_id))]
  const holds = (node: RoutingNode) => items.some((item) => (node.available[item] ?? 0) > 0)

  // One shipment first: only nodes that hold all that is left after the pickup
  // store's share can send it in one, so only they are ranked. The winner is the
  // one the full ranking would pick, since the engine always takes the first
  // node in rank order that can send everything (filters judge each node on its
  // own, rankers score each node on its own).
  const left = leftAfterPickup(request, pickupNode, ruleSet)
  // a plain list is read once: the nodes holding any of the order's items
  const holders = index ? null : all.filter(holds)
  const enough = (node: RoutingNode) => [...left].every(([item, quantity]) => (node.available[item] ?? 0) >= quantity)
  const whole = left.size ? (index ? index.holdingAtLeast(left) : holders!.filter(enough)).filter((node) => node !== pickupNode) : []
  if (!options.exhaustive && (pickupNode || whole.length)) {
    const candidates = pickupNode ? [pickupNode, ...whole] : whole
    const holding = index ? index.holdersOf(items) : holders!.length
    const pickupHolds = pickupNode ? holds(pickupNode) : false
    const decision = decide(request, candidates, all.length - holding - (pickupNode && !pickupHolds ? 1 : 0), ruleSet)
    if (decision.status === "routed" && decision.trace.method === "single_node") {
      decision.trace.partial_holders = holding - whole.length - (pickupHolds ? 1 : 0)
      return decision
    }
  }

  // Nodes that hold none of the order's items cannot take part: they are counted, not traced one by one.
  const holding = index
    ? index.holdingNodes(items, pickupNode)
    : pickupNode && !holds(pickupNode)
      ? all.filter((node) => node === pickupNode || holds(node))
      : holders!
  return decide(request, holding, all.length - holding.length, ruleSet)
}

/** What each inventory item still needs once the pickup store gave what it can (lines are not split unless allowed). */
function leftAfterPickup(request: RoutingRequest, pickupNode: RoutingNode | undefined, ruleSet: RuleSet) {
  const left = new Map<string, number>()
  const given = new Map<string, number>()
  for (const line of request.lines) {
    let give = 0
    if (pickupNode) {
      const have = usableAt(pickupNode, line.inventory_item_id, ruleSet) - (given.get(line.inventory_item_id) ?? 0)
      give = ruleSet.allow_split_line ? Math.max(0, Math.min(have, line.quantity)) : have >= line.quantity ? line.quantity : 0
      given.set(line.inventory_item_id, (given.get(line.inventory_item_id) ?? 0) + give)
    }
    if (line.quantity - give > 0) {
      left.set(line.inventory_item_id, (left.get(line.inventory_item_id) ?? 0) + line.quantity - give)
    }
  }
  return left
}

function usableAt(node: RoutingNode, inventoryItemId: string, ruleSet: RuleSet) {
  return Math.max(0, (node.available[inventoryItemId] ?? 0) - safetyOf(node, inventoryItemId, ruleSet))
}

/**
 * Nodes indexed once by the items they hold, for routing many orders over one
 * snapshot of a large network (a batch, the benchmark): a decision then looks
 * only at the holders of its own items instead of every node. A live order
 * needs none: its nodes come from the database with only its own items.
 */
export type NodeIndex = {
  readonly kind: "node-index"
  readonly nodes: RoutingNode[]
  readonly byId: Map<string, RoutingNode>
  /** how many nodes hold any of these items */
  holdersOf(items: string[]): number
  /** the nodes holding any of these items (and `also`, a node of this index, if given), in index order */
  holdingNodes(items: string[], also?: RoutingNode): RoutingNode[]
  /** the nodes holding at least the given quantity of every given item, in index order */
  holdingAtLeast(quantities: Map<string, number>): RoutingNode[]
}

function isNodeIndex(value: RoutingNode[] | NodeIndex): value is NodeIndex {
  return !Array.isArray(value) && (value as NodeIndex).kind === "node-index"
}

export function indexNodes(nodes: RoutingNode[]): NodeIndex {
  // per item, the positions of the nodes holding it (ascending) and what each has
  const lists = new Map<string, { at: number[]; qty: number[] }>()
  nodes.forEach((node, i) => {
    for (const [item, quantity] of Object.entries(node.available)) {
      if (quantity > 0) {
        let list = lists.get(item)
        if (!list) {
          lists.set(item, (list = { at: [], qty: [] }))
        }
        list.at.push(i)
        list.qty.push(quantity)
      }
    }
  })
  const byItem = new Map([...lists].map(([item, list]) => [item, { at: Int32Array.from(list.at), qty: Float64Array.from(list.qty) }]))
  const position = new Map(nodes.map((node, i) => [node, i]))
  // a stamp per node: counting the holders of several items touches each holder once
  const stamps = new Uint32Array(nodes.length)
  let generation = 0
  const visit = (items: string[], each: (position: number) => void) => {
    generation += 1
    for (const item of items) {
      const list = byItem.get(item)
      if (!list) {
        continue
      }
      for (let k = 0; k < list.at.length; k++) {
        const i = list.at[k]
        if (stamps[i] !== generation) {
          stamps[i] = generation
          each(i)
        }
      }
    }
  }
  return {
    kind: "node-index",
    nodes,
    byId: new Map(nodes.map((node) => [node.id, node])),
    holdersOf(items) {
      let count = 0
      visit(items, () => (count += 1))
      return count
    },
    holdingNodes(items, also) {
      const found: number[] = []
      visit(items, (i) => found.push(i))
      const extra = also ? position.get(also) : undefined
      if (extra !== undefined && stamps[extra] !== generation) {
        found.push(extra)
      }
      return found.sort((x, y) => x - y).map((i) => nodes[i])
    },
    holdingAtLeast(quantities) {
      // intersect the ascending lists, shortest first, keeping positions with enough of each item
      const wanted = [...quantities].map(([item, quantity]) => ({ list: byItem.get(item), quantity }))
      if (wanted.some((w) => !w.list)) {
        return []
      }
      wanted.sort((x, y) => x.list!.at.length - y.list!.at.length)
      let keep: number[] = []
      const first = wanted[0]
      for (let k = 0; k < first.list!.at.length; k++) {
        if (first.list!.qty[k] >= first.quantity) {
          keep.push(first.list!.at[k])
        }
      }
      for (let w = 1; w < wanted.length && keep.length; w++) {
        const { list, quantity } = wanted[w]
        const next: number[] = []
        let k = 0
        for (const i of keep) {
          while (k < list!.at.length && list!.at[k] < i) {
            k++
          }
          if (k < list!.at.length && list!.at[k] === i && list!.qty[k] >= quantity) {
            next.push(i)
          }
        }
        keep = next
      }
      return keep.map((i) => nodes[i])
    },
  }
}

/**
 * The rule set run over the given candidates (`holding`: the pickup store and
 * nodes holding the order's items); `skipped` nodes held nothing of it.
 */
function decide(request: RoutingRequest, holding: RoutingNode[], skipped: number, ruleSet: RuleSet): RoutingDecision {
  const distances = new Map<string, number | null>()
  const distance_km = (node: RoutingNode) => {
    if (!distances.has(node.id)) {
      const to = request.destination.point
      distances.set(node.id, to && node.point ? distanceKm(node.point, to) : null)
    }
    return distances.get(node.id)!
  }
  const usable = (node: RoutingNode, inventoryItemId: string) => usableAt(node, inventoryItemId, ruleSet)
  const contextFor = (options: Record<string, unknown> = {}): RuleContext => ({ request, distance_km, usable, options })
  const pickupNodeId = request.destination.pickup_node_id ?? null

  const steps: TraceStep[] = []
  const rankers: { id: string; score: (node: RoutingNode) => number }[] = []
  let eligible = holding
  for (const rule of ruleSet.rules) {
    const strategy = routingStrategy(rule.id)
    if (!strategy) {
      throw new InvalidInputError(`Unknown routing rule "${rule.id}"; register it with registerRoutingStrategy`)
    }
    const context = contextFor(rule.options)
    if (strategy.kind === "filter") {
      const { kept, dropped } = strategy.apply(eligible, context)
      steps.push({ rule: rule.id, kind: "filter", kept: kept.map((n) => n.id), dropped })
      eligible = kept
    } else {
      rankers.push({ id: rule.id, score: (node) => strategy.score(node, context) })
    }
  }

  // score every eligible node once per ranker, then sort by the score vectors
  const vectors = new Map<string, number[]>()
  for (const node of eligible) {
    vectors.set(
      node.id,
      rankers.map((r) => r.score(node))
    )
  }
  rankers.forEach((ranker, i) => {
    steps.push({
      rule: ranker.id,
      kind: "ranker",
      scores: Object.fromEntries(eligible.map((node) => [node.id, vectors.get(node.id)![i]])),
    })
  })
  const ranking = [...eligible].sort((a, b) => {
    const va = vectors.get(a.id)!
    const vb = vectors.get(b.id)!
    for (let i = 0; i < va.length; i++) {
      if (va[i] !== vb[i]) {
        return va[i] - vb[i]
      }
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  })

  const trace: RoutingTrace = {
    rule_set_version: ruleSet.version,
    candidates: holding.map((node) => ({ node_id: node.id, name: node.name, kind: node.kind, distance_km: distance_km(node) })),
    skipped_without_stock: skipped,
    steps,
    ranking: ranking.map((n) => n.id),
    method: "none",
    winners: [],
  }

  const split = !!ruleSet.allow_split_line
  const remaining = new Map(request.lines.map((line) => [line.line_id, line.quantity]))
  const capacityLeft = new Map(ranking.map((node) => [node.id, node.capacity_remaining ?? Infinity]))
  const taken = new Map<string, number>() // node|item → units already allocated there
  const allocations: Allocation[] = []
  const pickupId = pickupNodeId

  const left = (node: RoutingNode, item: string) => usable(node, item) - (taken.get(`${node.id}|${item}`) ?? 0)
  /** what this node would give now: per line, and in total */
  const offer = (node: RoutingNode, countsCapacity: boolean) => {
    let budget = countsCapacity ? capacityLeft.get(node.id)! : Infinity
    const gives: { line_id: string; inventory_item_id: string; quantity: number }[] = []
    const perItem = new Map<string, number>()
    for (const line of request.lines) {
      const want = remaining.get(line.line_id)!
      if (!want) {
        continue
      }
      const have = left(node, line.inventory_item_id) - (perItem.get(line.inventory_item_id) ?? 0)
      const can = Math.min(want, have, budget)
      const give = split ? can : can >= want ? want : 0
      if (give > 0) {
        gives.push({ line_id: line.line_id, inventory_item_id: line.inventory_item_id, quantity: give })
        perItem.set(line.inventory_item_id, (perItem.get(line.inventory_item_id) ?? 0) + give)
        budget -= give
      }
    }
    return { gives, units: gives.reduce((sum, g) => sum + g.quantity, 0) }
  }
  const take = (node: RoutingNode, gives: { line_id: string; inventory_item_id: string; quantity: number }[], countsCapacity: boolean) => {
    for (const give of gives) {
      allocations.push({ node_id: node.id, line_id: give.line_id, inventory_item_id: give.inventory_item_id, quantity: give.quantity })
      remaining.set(give.line_id, remaining.get(give.line_id)! - give.quantity)
      const key = `${node.id}|${give.inventory_item_id}`
      taken.set(key, (taken.get(key) ?? 0) + give.quantity)
      if (countsCapacity) {
        capacityLeft.set(node.id, capacityLeft.get(node.id)! - give.quantity)
      }
    }
    if (gives.length && !trace.winners.includes(node.id)) {
      trace.winners.push(node.id)
    }
  }
  const outstanding = () => [...remaining.values()].reduce((sum, q) => sum + q, 0)

  // a pickup: the pickup store hands over what it has (no shipping capacity used)
  const pickupNode = pickupId ? ranking.find((n) => n.id === pickupId) : undefined
  if (pickupNode) {
    take(pickupNode, offer(pickupNode, false).gives, false)
  }
  const others = ranking.filter((n) => n !== pickupNode)

  if (outstanding() > 0) {
    const whole = others.find((node) => offer(node, true).units === outstanding())
    if (whole) {
      take(whole, offer(whole, true).gives, true)
      trace.method = "single_node"
    } else {
      trace.method = "fewest_shipments"
      const used = new Set<string>()
      while (outstanding() > 0) {
        let best: { node: RoutingNode; gives: ReturnType<typeof offer>["gives"]; units: number } | null = null
        for (const node of others) {
          if (used.has(node.id)) {
            continue
          }
          const o = offer(node, true)
          if (o.units > (best?.units ?? 0)) {
            best = { node, ...o }
          }
        }
        if (!best) {
          break
        }
        used.add(best.node.id)
        take(best.node, best.gives, true)
      }
    }
  } else if (pickupNode) {
    trace.method = "single_node"
  }

  if (outstanding() > 0) {
    const short = request.lines
      .filter((line) => remaining.get(line.line_id)! > 0)
      .map((line) => {
        const most = Math.max(0, ...eligible.map((node) => usable(node, line.inventory_item_id)))
        return `line ${line.line_id} (${line.quantity} of ${line.inventory_item_id}; the most one eligible node has is ${most})`
      })
    trace.method = "none"
    trace.winners = []
    return {
      status: "unroutable",
      reason: eligible.length
        ? `Not enough stock at eligible nodes for ${short.join(", ")}`
        : "No eligible node: every node was dropped by a rule (see the trace)",
      allocations: [],
      shipments: 0,
      trace,
    }
  }
  const shipments = new Set(allocations.filter((a) => a.node_id !== pickupId || !pickupId).map((a) => a.node_id)).size
  return { status: "routed", allocations, shipments, trace }
}
