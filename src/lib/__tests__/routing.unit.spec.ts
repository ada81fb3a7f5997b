import { DEFAULT_RULE_SET, indexNodes, registerRoutingStrategy, routeOrder, type RoutingNode, type RoutingRequest } from "../routing"

// Chicago-ish points: the customer downtown; a store 3 km away, one 15 km, one 130 km; the warehouse 25 km.
const HERE = { latitude: 41.8781, longitude: -87.6298 }
const at = (dLat: number) => ({ latitude: HERE.latitude + dLat, longitude: HERE.longitude })

const node = (id: string, over: Partial<RoutingNode> = {}): RoutingNode => ({
  id,
  name: id,
  kind: "store",
  point: at(0.03),
  active: true,
  ships: true,
  capacity_remaining: null,
  available: {},
  ...over,
})
const near = (available: Record<string, number>, over: Partial<RoutingNode> = {}) => node("near", { point: at(0.027), available, ...over })
const mid = (available: Record<string, number>, over: Partial<RoutingNode> = {}) => node("mid", { point: at(0.135), available, ...over })
const far = (available: Record<string, number>, over: Partial<RoutingNode> = {}) => node("far", { point: at(1.17), available, ...over })
const dc = (available: Record<string, number>, over: Partial<RoutingNode> = {}) =>
  node("dc", { kind: "warehouse", point: at(0.225), available, ...over })

const order = (lines: [string, number][], pickup?: string): RoutingRequest => ({
  lines: lines.map(([item, quantity], i) => ({ line_id: `l${i + 1}`, inventory_item_id: item, quantity })),
  destination: { point: HERE, pickup_node_id: pickup ?? null },
})

/** allocations as "node:line×qty", sorted */
const placed = (d: ReturnType<typeof routeOrder>) => d.allocations.map((a) => `${a.node_id}:${a.line_id}×${a.quantity}`).sort()

describe("routeOrder (pure routing engine)", () => {
  it.each([
    ["one node with everything: the nearest store", order([["a", 1], ["b", 1]]), [near({ a: 1, b: 1 }), dc({ a: 5, b: 5 })], ["near:l1×1", "near:l2×1"], 1],
    ["a store within 50 miles before the warehouse, even if farther", order([["a", 1]]), [mid({ a: 1 }), dc({ a: 1 })], ["mid:l1×1"], 1],
    ["beyond the radius the warehouse goes before the store", order([["a", 1]]), [far({ a: 1 }), dc({ a: 1 })], ["dc:l1×1"], 1],
    ["one node for the whole order beats a nearer partial one", order([["a", 1], ["b", 1]]), [near({ a: 1 }), dc({ a: 1, b: 1 })], ["dc:l1×1", "dc:l2×1"], 1],
    // nobody has all three: two shipments; mid and dc each cover two, mid ranks first (a store within the radius)
    ["a split takes the fewest shipments", order([["a", 1], ["b", 1], ["c", 1]]), [near({ a: 1 }), mid({ b: 1, c: 1 }), dc({ a: 1, b: 1 })], ["mid:l2×1", "mid:l3×1", "near:l1×1"], 2],
    ["fewest shipments beats nearest", order([["a", 1], ["b", 1], ["c", 1]]), [near({ a: 1 }), mid({ b: 1 }), node("x", { point: at(0.5), available: { c: 1 } }), dc({ a: 1, b: 1 })], ["dc:l1×1", "dc:l2×1", "x:l3×1"], 2],
    ["stores that did not opt in are skipped", order([["a", 1]]), [near({ a: 1 }, { ships: false }), dc({ a: 1 })], ["dc:l1×1"], 1],
    ["a disabled store takes no work", order([["a", 1]]), [near({ a: 1 }, { active: false }), dc({ a: 1 })], ["dc:l1×1"], 1],
    ["a store at capacity takes no more", order([["a", 2]]), [near({ a: 5 }, { capacity_remaining: 1 }), dc({ a: 2 })], ["dc:l1×2"], 1],
    ["safety stock is kept back", order([["a", 2]]), [near({ a: 2 }, { safety_stock: 1 }), dc({ a: 2 })], ["dc:l1×2"], 1],
    ["distance breaks ties between equal stores", order([["a", 1]]), [mid({ a: 1 }), near({ a: 1 })], ["near:l1×1"], 1],
    ["a pickup is pinned to its store when it has everything", order([["a", 1]], "mid"), [near({ a: 1 }), mid({ a: 1 }, { ships: false })], ["mid:l1×1"], 0],
    ["what the pickup store lacks is transferred there", order([["a", 1], ["b", 1]], "mid"), [mid({ a: 1 }), dc({ b: 3 })], ["dc:l2×1", "mid:l1×1"], 1],
  ] as [string, RoutingRequest, RoutingNode[], string[], number][])("%s", (_name, request, nodes, expected, shipments) => {
    const decision = routeOrder(request, nodes)
    expect(decision.status).toBe("routed")
    expect(placed(decision)).toEqual(expected)
    expect(decision.shipments).toBe(shipments)
  })

  it("waits with a clear reason and nothing allocated when no node has the stock", () => {
    const decision = routeOrder(order([["a", 1], ["b", 2]]), [near({ a: 1, b: 1 }), dc({ b: 1 })])
    expect(decision.status).toBe("unroutable")
    expect(decision.allocations).toEqual([])
    if (decision.status === "unroutable") {
      expect(decision.reason).toContain("line l2 (2 of b; the most one eligible node has is 1)")
    }
    const none = routeOrder(order([["a", 1]]), [near({}), dc({})])
    expect(none.status).toBe("unroutable")
    if (none.status === "unroutable") {
      expect(none.reason).toContain("No eligible node")
    }
  })

  it("keeps back the rule set's safety stock: per node, else its default; a node's own figure first", () => {
    const ruleSet = { ...DEFAULT_RULE_SET, safety_stock: { default: 1, nodes: { dc: 0 } } }
    // near has 2, keeps 1 back by default: 1 usable, not enough; the warehouse keeps nothing back
    expect(placed(routeOrder(order([["a", 2]]), [near({ a: 2 }), dc({ a: 2 })], ruleSet))).toEqual(["dc:l1×2"])
    expect(placed(routeOrder(order([["a", 1]]), [near({ a: 2 }), dc({ a: 2 })], ruleSet))).toEqual(["near:l1×1"])
    // the node's own safety stock wins over the rule set's
    expect(placed(routeOrder(order([["a", 2]]), [near({ a: 2 }, { safety_stock: 0 }), dc({ a: 2 })], ruleSet))).toEqual(["near:l1×2"])
  })

  it("splits one line across nodes only when the rule set allows it", () => {
    const nodes = [near({ a: 1 }), dc({ a: 1 })]
    expect(routeOrder(order([["a", 2]]), nodes).status).toBe("unroutable")
    const split = routeOrder(order([["a", 2]]), nodes, { ...DEFAULT_RULE_SET, allow_split_line: true })
    expect(placed(split)).toEqual(["dc:l1×1", "near:l1×1"])
    expect(split.shipments).toBe(2)
  })

  it("explains itself: candidates, each rule's verdict or score, ranking, method, winners, version", () => {
    const decision = routeOrder(order([["a", 1]]), [near({ a: 1 }, { ships: false }), mid({ a: 1 }), dc({ a: 1 })])
    const { trace } = decision
    expect(trace.rule_set_version).toBe("default-1")
    expect(trace.candidates.map((c) => c.node_id)).toEqual(["near", "mid", "dc"])
    expect(trace.steps.find((s) => s.rule === "opted-in")).toMatchObject({
      kind: "filter",
      dropped: [{ node_id: "near", reason: "not opted in to ship from store" }],
    })
    expect(trace.steps.find((s) => s.rule === "store-within-radius")).toMatchObject({ kind: "ranker", scores: { mid: 0, dc: 1 } })
    expect(trace.ranking).toEqual(["mid", "dc"])
    expect(trace).toMatchObject({ method: "single_node", winners: ["mid"] })
  })

  it("takes a merchant's own strategy and their rule order", () => {
    registerRoutingStrategy({
      id: "warehouse-first",
      kind: "ranker",
      description: "the merchant wants the DC to ship whenever it can",
      score: (n) => (n.kind === "warehouse" ? 0 : 1),
    })
    const rules = { version: "merchant-7", rules: [{ id: "active-nodes" }, { id: "warehouse-first" }, { id: "distance" }] }
    const decision = routeOrder(order([["a", 1]]), [near({ a: 1 }), dc({ a: 1 })], rules)
    expect(placed(decision)).toEqual(["dc:l1×1"])
    expect(decision.trace.rule_set_version).toBe("merchant-7")
    expect(() => routeOrder(order([["a", 1]]), [near({ a: 1 })], { version: "x", rules: [{ id: "nope" }] })).toThrow('Unknown routing rule "nope"')
  })

  it("refuses a line without a whole quantity above 0", () => {
    expect(() => routeOrder(order([["a", NaN]]), [near({ a: 1 })])).toThrow("routing takes whole quantities above 0")
    expect(() => routeOrder(order([["a", 0]]), [near({ a: 1 })])).toThrow("quantity 0")
  })

  it("keeps the radius configurable", () => {
    const rules = {
      ...DEFAULT_RULE_SET,
      rules: DEFAULT_RULE_SET.rules.map((r) => (r.id === "store-within-radius" ? { ...r, options: { radius_km: 10 } } : r)),
    }
    // mid is 15 km away: outside a 10 km radius the warehouse goes first
    expect(placed(routeOrder(order([["a", 1]]), [mid({ a: 1 }), dc({ a: 1 })], rules))).toEqual(["dc:l1×1"])
  })
  it("ranks only the nodes that can send everything when one can, and says how many held part of it", () => {
    const decision = routeOrder(order([["a", 1], ["b", 1]]), [near({ a: 1 }), mid({ b: 1 }), far({ a: 1, b: 1 }), dc({ a: 1, b: 1 }), node("none")])
    expect(placed(decision)).toEqual(["dc:l1×1", "dc:l2×1"])
    expect(decision.trace.candidates.map((c) => c.node_id)).toEqual(["far", "dc"])
    expect(decision.trace).toMatchObject({ method: "single_node", partial_holders: 2, skipped_without_stock: 1 })
    // a full trace on request: every holder ranked, the same decision
    const full = routeOrder(order([["a", 1], ["b", 1]]), [near({ a: 1 }), mid({ b: 1 }), far({ a: 1, b: 1 }), dc({ a: 1, b: 1 }), node("none")], DEFAULT_RULE_SET, { exhaustive: true })
    expect(full.trace.candidates.map((c) => c.node_id)).toEqual(["near", "mid", "far", "dc"])
    expect(placed(full)).toEqual(placed(decision))
    expect(full.trace.partial_holders).toBeUndefined()
  })

  it("decides exactly as ranking every holder does, from a list or an index, over random networks", () => {
    let seed = 7
    const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32)
    const pick = (n: number) => Math.floor(random() * n)
    const items = ["a", "b", "c", "d"]
    const summary = (d: ReturnType<typeof routeOrder>) => ({
      status: d.status,
      placed: placed(d),
      shipments: d.shipments,
      method: d.trace.method,
      winners: d.trace.winners,
    })
    let singles = 0
    let splits = 0
    for (let round = 0; round < 400; round++) {
      const nodes: RoutingNode[] = Array.from({ length: 2 + pick(12) }, (_, i) => {
        const available: Record<string, number> = {}
        for (const item of items) {
          if (random() < 0.5) available[item] = pick(4)
        }
        return node(`n${i}`, {
          kind: random() < 0.2 ? "warehouse" : "store",
          point: random() < 0.05 ? null : { latitude: HERE.latitude + random() * 2 - 1, longitude: HERE.longitude + random() * 2 - 1 },
          active: random() > 0.1,
          ships: random() > 0.2,
          capacity_remaining: random() < 0.3 ? null : pick(6),
          safety_stock: random() < 0.3 ? 1 : undefined,
          available,
        })
      })
      const lines: [string, number][] = items.filter(() => random() < 0.5).map((item) => [item, 1 + pick(3)])
      if (!lines.length) lines.push(["a", 1])
      const pickup = random() < 0.3 ? nodes[pick(nodes.length)].id : undefined
      const request = order(lines, pickup)
      const ruleSet = { ...DEFAULT_RULE_SET, allow_split_line: random() < 0.3 }
      const expected = summary(routeOrder(request, nodes, ruleSet, { exhaustive: true }))
      expect({ round, ...summary(routeOrder(request, nodes, ruleSet)) }).toEqual({ round, ...expected })
      expect({ round, ...summary(routeOrder(request, indexNodes(nodes), ruleSet)) }).toEqual({ round, ...expected })
      singles += expected.method === "single_node" ? 1 : 0
      splits += expected.method === "fewest_shipments" ? 1 : 0
    }
    // the random networks exercise both methods
    expect(singles).toBeGreaterThan(50)
    expect(splits).toBeGreaterThan(20)
  })
})
