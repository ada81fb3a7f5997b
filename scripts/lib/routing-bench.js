// The routing engine alone (pure functions): one order of 3 lines over 10, 100 and 1,000 nodes
// with a catalogue of 10,000 SKUs. Reports the median time per decision and the ratio to 10 nodes,
// for the nodes indexed once by item (indexNodes: many orders over one snapshot of a network) and
// for the plain list of nodes (as the routing workflow passes them; a live order's nodes come from
// the database with its own items only). One node, the warehouse, holds the whole order and few
// others do: the one-shipment shortcut's common case; a split ranks every holder.
require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } })
const { indexNodes, routeOrder } = require("../../src/lib/routing")

const SKUS = 10000
const STOCKED_PER_NODE = 1000
const ORDER_ITEMS = ["iitem_0", "iitem_3333", "iitem_6666"]

/** A deterministic pseudo-random generator, so every run sees the same network. */
function rng(seed) {
  let s = seed >>> 0
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32)
}

function network(count) {
  const random = rng(count)
  const nodes = []
  for (let i = 0; i < count; i++) {
    const available = {}
    for (let k = 0; k < STOCKED_PER_NODE; k++) {
      available[`iitem_${Math.floor(random() * SKUS)}`] = 1 + Math.floor(random() * 5)
    }
    if (i === 0) {
      // the warehouse carries the order's items, so every network can route the order
      for (const item of ORDER_ITEMS) available[item] = 5
    }
    nodes.push({
      id: `sloc_${i}`,
      name: `Node ${i}`,
      kind: i % 10 === 0 ? "warehouse" : "store",
      point: { latitude: 41 + random() * 4, longitude: -90 + random() * 6 },
      active: random() > 0.05,
      ships: random() > 0.2,
      capacity_remaining: i % 10 === 0 ? null : Math.floor(random() * 50),
      available,
      safety_stock: 1,
    })
  }
  return nodes
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

const REQUEST = {
  lines: ORDER_ITEMS.map((item, i) => ({ line_id: `l${i}`, inventory_item_id: item, quantity: 1 + i })),
  destination: { point: { latitude: 41.88, longitude: -87.63 }, pickup_node_id: null },
}

/** Median ms per decision for each network size, measured in rounds that alternate the sizes. */
function measure(networks, iterations) {
  const times = networks.map(() => [])
  const winners = networks.map(() => new Set())
  for (const input of networks) for (let i = 0; i < 50; i++) routeOrder(REQUEST, input) // warm-up
  for (let round = 0; round < iterations; round++) {
    networks.forEach((input, n) => {
      const start = process.hrtime.bigint()
      const decision = routeOrder(REQUEST, input)
      times[n].push(Number(process.hrtime.bigint() - start) / 1e6)
      winners[n].add(decision.status === "routed" ? decision.allocations.map((a) => `${a.node_id}:${a.line_id}`).join(",") : "unroutable")
    })
  }
  return { medians: times.map(median), winners }
}

function run({ iterations = 400 } = {}) {
  const sizes = [10, 100, 1000]
  const lists = sizes.map(network)
  const indexed = measure(lists.map(indexNodes), iterations)
  const plain = measure(lists, iterations)
  return sizes.map((nodes, i) => {
    const same = [...indexed.winners[i]].join() === [...plain.winners[i]].join()
    const decision = routeOrder(REQUEST, lists[i], undefined, { exhaustive: true })
    const exhaustive = decision.allocations.map((a) => `${a.node_id}:${a.line_id}`).join(",")
    return {
      nodes,
      median_ms: indexed.medians[i],
      ratio: indexed.medians[i] / indexed.medians[0],
      plain_median_ms: plain.medians[i],
      plain_ratio: plain.medians[i] / plain.medians[0],
      routed: decision.status === "routed",
      // the shortcut and the indexed path decide what ranking every holder decides
      same_decision: same && [...indexed.winners[i]][0] === exhaustive,
    }
  })
}

module.exports = { run }

if (require.main === module) {
  for (const r of run()) {
    console.log(
      `${String(r.nodes).padStart(5)} nodes: indexed ${r.median_ms.toFixed(4)} ms (ratio ${r.ratio.toFixed(2)}), ` +
        `plain list ${r.plain_median_ms.toFixed(4)} ms (ratio ${r.plain_ratio.toFixed(2)})` +
        `${r.routed ? "" : " (unroutable)"}${r.same_decision ? "" : " DECISIONS DIFFER"}`
    )
  }
}
