// The routing engine alone (pure functions): one order of 3 lines over 10, 100 and 1,000 nodes
// with a catalogue of 10,000 SKUs. Reports the median time per decision and the ratio to 10 nodes.
require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } })
const { routeOrder } = require("../../src/lib/routing")

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

function run({ iterations = 200 } = {}) {
  const request = {
    lines: ORDER_ITEMS.map((item, i) => ({ line_id: `l${i}`, inventory_item_id: item, quantity: 1 + i })),
    destination: { point: { latitude: 41.88, longitude: -87.63 }, pickup_node_id: null },
  }
  const results = []
  for (const count of [10, 100, 1000]) {
    const nodes = network(count)
    for (let i = 0; i < 20; i++) routeOrder(request, nodes) // warm-up
    const times = []
    let routed = 0
    for (let i = 0; i < iterations; i++) {
      const start = process.hrtime.bigint()
      const decision = routeOrder(request, nodes)
      times.push(Number(process.hrtime.bigint() - start) / 1e6)
      routed += decision.status === "routed" ? 1 : 0
    }
    results.push({ nodes: count, median_ms: median(times), routed: routed === iterations })
  }
  const base = results[0].median_ms
  return results.map((r) => ({ ...r, ratio: r.median_ms / base }))
}

module.exports = { run }

if (require.main === module) {
  for (const r of run()) {
    console.log(`${String(r.nodes).padStart(5)} nodes: ${r.median_ms.toFixed(3)} ms per decision, ratio ${r.ratio.toFixed(2)} to 10 nodes${r.routed ? "" : " (unroutable)"}`)
  }
}
