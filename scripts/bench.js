#!/usr/bin/env node
// `npm run bench`: the counter against Medusa's own storefront, on one server,
// in one run. A fresh database is seeded with the demo retailer; the server runs
// with the dashboard off. After a warm-up, the script alternates baseline and
// candidate and reports medians, ratios, and the server's CPU time per operation.
//
//   sale:  a three-line cash sale through /terminal (create, 3 scans, tender, complete)
//          vs a storefront checkout of the same three items (cart, 3 adds, address,
//          shipping, payment collection and session, complete)
//   scan:  one POS scan (add a line, get the new total) vs one storefront add-to-cart
//
//   replay: N offline cash sales synced in batches of 20 (each batch sent twice, so every
//          sale also arrives as a duplicate) vs live three-line sales: time per sale, and
//          the server's memory (RSS of its process group) at its peak against idle.
//
//   routing: the routing engine alone (pure functions) routing one order of 3 lines over 10,
//          100 and 1,000 nodes with 10,000 SKUs: median per decision, ratio to 10 nodes, with the
//          nodes indexed by item once (indexNodes) and as a plain list.
//
//   page: the POS page in headless Chromium (scripts/lib/page-bench.js): scan to line on screen against
//          the API scan alone, the first load's JavaScript and time to a usable sign-in, an offline sale.
//
//   contention (only with --only contention): four tills of one store selling at once, each
//          SALES two-line cash sales (--sales, default 6): on disjoint items, then all on the same two
//          items, then Medusa's storefront completing as many checkouts of those two items 4 at a
//          time. Reports sales/s, errors and the shared / disjoint ratio (goal ≥ 0.9, no error).
//          --redis runs the server with Redis's event bus, locking and workflow engine (REDIS_URL,
//          default redis://127.0.0.1:6379), as a production install would.
//
//   reports (only with --only reports): 100,000 orders of 3 lines over 20 stores and 365 days written
//          with SQL after the seed (scripts/lib/reports-bench.js), then the scorecard over 90 days
//          (GET /admin/pos/reports, the network and one store) against Medusa's admin order list.
//
// Options: --iterations N (default 15), --warmup N (default 3), --replay N (default 200),
// --port N (default 9100), --routing-only (just the routing engine, no server),
// --only sale,scan,replay (just those comparisons), --server-heap MB (default 600; 0: Node's default),
// --detail (the counter sale's time per call), --store-stock N (the store's stock of the three items
// sold, default 1000; 0 leaves the seeded 1–3, so most scans take the items-in-hand path).
const fs = require("fs")
const path = require("path")
const { spawn } = require("child_process")
const { maskUrl, probePostgres, ensureDatabase, isPortFree, startEmbeddedPostgres } = require("./lib/postgres")
const { root, medusaBin, runMedusa, waitForHealth, quietTelemetry } = require("./lib/medusa")

const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`)
  return index > 0 ? Number(process.argv[index + 1]) : fallback
}
const ITERATIONS = arg("iterations", 15)
const WARMUP = arg("warmup", 3)
const PORT = arg("port", 9100)
const REPLAY = arg("replay", 200)
// The server's V8 old-space limit in MB (0: Node's default, which on a large machine lets the heap
// grow by gigabytes before collecting; see docs/benchmarks.md).
const SERVER_HEAP = arg("server-heap", 600)
// The store's stocked quantity of the items the counter sells, set before measuring (0: as seeded,
// 1–3 each: the store soon counts none, and every scan takes the items-in-hand path, a stock raise
// and a recorded discrepancy).
const STORE_STOCK = arg("store-stock", 1000)
const DATABASE = "medusa_pos_bench"
const onlyIndex = process.argv.indexOf("--only")
/** --only sale,scan,replay: measure just those (the routing engine always runs; it takes a second) */
const ONLY = onlyIndex > 0 ? new Set(process.argv[onlyIndex + 1].split(",")) : null
/** contention and reports run only when asked for: they take minutes */
const wanted = (name) => (ONLY ? ONLY.has(name) : name !== "contention" && name !== "reports")
/** --only reports: no till, stock-up or storefront set-up */
const REPORTS_ONLY = !!ONLY && [...ONLY].every((name) => name === "reports")
// (the POS page runs by default too, after the API comparisons: --only page for it alone)
const SALES = arg("sales", 6)
const REDIS = process.argv.includes("--redis") ? process.env.REDIS_URL || "redis://127.0.0.1:6379" : null

const say = (message) => process.stdout.write(`[bench] ${message}\n`)

/** Resident memory of a process group in MiB (Linux /proc). */
function groupRssMiB(pgid) {
  let kib = 0
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== pgid) continue
      const match = fs.readFileSync(`/proc/${entry}/status`, "utf8").match(/VmRSS:\s+(\d+)/)
      kib += match ? Number(match[1]) : 0
    } catch {}
  }
  return kib / 1024
}

/** CPU seconds used so far by every process of a process group (Linux /proc). */
function groupCpuSeconds(pgid) {
  const ticks = 100
  let total = 0
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
      if (Number(fields[2]) === pgid) {
        total += Number(fields[11]) + Number(fields[12])
      }
    } catch {}
  }
  return total / ticks
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

async function main() {
  const dataDir = path.join(root, ".data")
  fs.mkdirSync(dataDir, { recursive: true })

  // The routing engine alone (pure functions, no server): 3 lines over 10, 100 and 1,000 nodes.
  const routing = require("./lib/routing-bench").run()
  process.stdout.write("routing engine, one order of 3 lines, 10,000 SKUs\n")
  for (const r of routing) {
    process.stdout.write(
      `  ${String(r.nodes).padStart(5)} nodes: ${r.median_ms.toFixed(4)} ms per decision indexed, ratio ${r.ratio.toFixed(2)} to 10 nodes; ` +
        `plain list ${r.plain_median_ms.toFixed(4)} ms, ratio ${r.plain_ratio.toFixed(2)}` +
        `${r.routed ? "" : " (unroutable)"}${r.same_decision ? "" : " — DECISIONS DIFFER from ranking every holder"}\n`
    )
  }
  if (process.argv.includes("--routing-only")) {
    fs.writeFileSync(path.join(dataDir, "bench-results.json"), JSON.stringify({ routing }, null, 2))
    return
  }

  const logFile = path.join(dataDir, "bench.log")
  fs.writeFileSync(logFile, "")
  const telemetry = quietTelemetry()
  process.on("exit", telemetry.remove)
  const env = {
    ...process.env,
    ...telemetry.env,
    DISABLE_MEDUSA_ADMIN: "true",
    LOG_LEVEL: "error",
    PORT: String(PORT),
  }
  delete env.REDIS_URL
  if (REDIS) {
    env.REDIS_URL = REDIS
  }
  if (SERVER_HEAP) {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --max-old-space-size=${SERVER_HEAP}`.trim()
  }

  let embedded
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL)
    const connection = { host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
    const probe = await probePostgres({ ...connection, database: "postgres" })
    if (!probe.ok) throw new Error(`Cannot reach ${maskUrl(process.env.DATABASE_URL)}: ${probe.reason}`)
    await recreateDatabase(connection)
    url.pathname = `/${DATABASE}`
    env.DATABASE_URL = url.toString()
  } else {
    const local = { host: "localhost", port: 5432, user: process.env.DB_USERNAME || "postgres", password: process.env.DB_PASSWORD || "" }
    if ((await probePostgres({ ...local, database: "postgres" }, 2000)).ok) {
      await recreateDatabase(local)
      env.DATABASE_URL = `postgres://${local.user}${local.password ? `:${local.password}` : ""}@localhost:5432/${DATABASE}`
    } else {
      embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "bench-postgres"), preferredPort: 55433, persistent: false })
      await ensureDatabase(embedded.connection, DATABASE)
      env.DATABASE_URL = embedded.url(DATABASE)
    }
  }
  say(`database ${maskUrl(env.DATABASE_URL)}; migrating and seeding (log: .data/bench.log)`)
  if (!(await isPortFree(PORT))) throw new Error(`Port ${PORT} is in use; pass --port`)
  await runMedusa(["db:migrate"], env, logFile)
  const summaryFile = path.join(dataDir, "bench-summary.json")
  await runMedusa(["exec", "./demo/seed.ts", summaryFile], env, logFile)
  const demo = JSON.parse(fs.readFileSync(summaryFile, "utf8"))
  // The reports' year of orders, before the server starts (its first queries see analyzed tables).
  let generated = null
  if (wanted("reports")) {
    say("reports: generating 100,000 orders over 20 stores and 365 days")
    generated = await require("./lib/reports-bench").generate(env.DATABASE_URL, demo)
    say(`reports: generated in ${generated.seconds.toFixed(1)} s`)
  }

  const log = fs.openSync(logFile, "a")
  const server = spawn(medusaBin, ["develop"], { cwd: root, env, stdio: ["ignore", log, log], detached: true })
  const stop = async () => {
    try {
      process.kill(-server.pid, "SIGTERM")
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 1500))
    if (embedded) await embedded.stop().catch(() => {})
  }
  try {
    const base = `http://localhost:${PORT}`
    if (!(await waitForHealth(`${base}/health`, server, 120000))) {
      throw new Error(`The server did not answer on ${base}/health; see .data/bench.log`)
    }
    await measure(base, demo, server.pid, routing, generated)
  } finally {
    await stop()
  }
}

async function recreateDatabase(connection) {
  const { Client } = require("pg")
  const client = new Client({ ...connection, database: "postgres" })
  await client.connect()
  await client.query(`drop database if exists ${DATABASE} with (force)`)
  await client.query(`create database ${DATABASE}`)
  await client.end()
}

async function measure(base, demo, serverPgid, routing, generated = null) {
  const call = async (method, urlPath, body, headers = {}) => {
    const response = await fetch(base + urlPath, {
      method,
      headers: { "content-type": "application/json", ...headers },
      body: body ? JSON.stringify(body) : undefined,
    })
    const data = await response.json().catch(() => ({}))
    if (!response.ok) throw new Error(`${method} ${urlPath} → ${response.status} ${JSON.stringify(data).slice(0, 300)}`)
    return data
  }
  let reports = null
  if (wanted("reports")) {
    const bench = require("./lib/reports-bench")
    const { token: reportsToken } = await call("POST", "/auth/user/emailpass", demo.admin)
    reports = await bench.measure(call, { authorization: `Bearer ${reportsToken}` }, demo, demo.store_ids.state, {
      iterations: Math.min(ITERATIONS, 7),
      warmup: 2,
      generated,
      logFile: path.join(root, ".data", "bench.log"),
      say,
    })
    process.stdout.write("\n")
    bench.print(reports)
    if (REPORTS_ONLY) {
      fs.writeFileSync(path.join(root, ".data", "bench-results.json"), JSON.stringify({ routing, rows: [], page: null, reports }, null, 2))
      return
    }
  }
  const key = { "x-publishable-api-key": demo.publishable_key }
  const { products } = await call("GET", "/store/products?limit=100&fields=variants.id,variants.sku", null, key)
  const variantId = Object.fromEntries(products.flatMap((p) => p.variants.map((v) => [v.sku, v.id])))
  const skus = ["NW-TEE-BLA-M", "NW-BNE-BLA-OS", "NW-CAP-NAV-OS"]

  const staff = demo.staff.find((s) => s.store === "Northwind State Street" && s.role === "associate")
  const { token } = await call("POST", "/auth/staff/emailpass", { email: staff.email, password: staff.password })
  const auth = { authorization: `Bearer ${token}` }
  const storeId = demo.store_ids.state
  const { store } = await call("GET", `/terminal/stores/${storeId}`, null, auth)
  const { token: adminToken } = await call("POST", "/auth/user/emailpass", demo.admin)
  const admin = { authorization: `Bearer ${adminToken}` }
  // A shop holds stock of what it sells: through the admin API, as a manager would count it in.
  const stockUp = async (skus) => {
    for (const sku of skus) {
      const { inventory_items } = await call("GET", `/admin/inventory-items?sku=${sku}&fields=id`, null, admin)
      const levelPath = `/admin/inventory-items/${inventory_items[0].id}/location-levels`
      const locationId = demo.stock_location_ids.state
      const { inventory_item } = await call("GET", `/admin/inventory-items/${inventory_items[0].id}?fields=location_levels.location_id`, null, admin)
      const exists = (inventory_item.location_levels ?? []).some((level) => level.location_id === locationId)
      await call(
        "POST",
        exists ? `${levelPath}/${locationId}` : levelPath,
        exists ? { stocked_quantity: STORE_STOCK } : { location_id: locationId, stocked_quantity: STORE_STOCK },
        admin
      )
    }
  }
  if (STORE_STOCK > 0) {
    await stockUp(skus)
  }
  const { shift } = await call("POST", `/terminal/stores/${storeId}/shifts`, { register_id: store.registers[0].id, opening_float: 100 }, auth)

  const address = { first_name: "Bench", last_name: "Mark", address_1: "1 Main St", city: "Chicago", province: "us-il", postal_code: "60601", country_code: "us" }
  const storefrontCart = async () =>
    (await call("POST", "/store/carts", { region_id: demo.region_ids.usd }, key)).cart.id
  /** A guest checkout of these items through Medusa's storefront API. */
  const checkoutOf = async (lineSkus) => {
    const cartId = await storefrontCart()
    for (const sku of lineSkus) {
      await call("POST", `/store/carts/${cartId}/line-items`, { variant_id: variantId[sku], quantity: 1 }, key)
    }
    await call("POST", `/store/carts/${cartId}`, { email: "bench@example.com", shipping_address: address }, key)
    const { shipping_options } = await call("GET", `/store/shipping-options?cart_id=${cartId}`, null, key)
    await call("POST", `/store/carts/${cartId}/shipping-methods`, { option_id: shipping_options[0].id }, key)
    const { payment_collection } = await call("POST", "/store/payment-collections", { cart_id: cartId }, key)
    await call("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, key)
    await call("POST", `/store/carts/${cartId}/complete`, {}, key)
  }
  const storefrontCheckout = () => checkoutOf(skus)
  let n = 0
  // per call of the counter sale, for the breakdown printed with --detail
  const parts = { create: [], scan: [], tender: [], complete: [] }
  const part = async (name, fn) => {
    const start = process.hrtime.bigint()
    const result = await fn()
    parts[name].push(Number(process.hrtime.bigint() - start) / 1e6)
    return result
  }
  const posSale = async () => {
    const { sale } = await part("create", () => call("POST", `/terminal/stores/${storeId}/sales`, { shift_id: shift.id }, auth))
    let current
    for (const sku of skus) {
      current = (await part("scan", () => call("POST", `/terminal/sales/${sale.id}/lines`, { code: sku }, auth))).sale
    }
    await part("tender", () =>
      call("POST", `/terminal/sales/${sale.id}/tenders`, { type: "cash", amount: current.due, idempotency_key: `bench-${sale.id}-${n++}` }, auth)
    )
    await part("complete", () => call("POST", `/terminal/sales/${sale.id}/complete`, {}, auth))
  }
  // One open cart / sale each, reused for single-scan timing.
  const scanCart = await storefrontCart()
  const { sale: scanSale } = await call("POST", `/terminal/stores/${storeId}/sales`, { shift_id: shift.id }, auth)
  const storefrontAdd = () => call("POST", `/store/carts/${scanCart}/line-items`, { variant_id: variantId["NW-BNE-BLA-OS"], quantity: 1 }, key)
  const posScan = () => call("POST", `/terminal/sales/${scanSale.id}/lines`, { code: "NW-BNE-BLA-OS" }, auth)

  const timed = async (fn) => {
    const cpu = groupCpuSeconds(serverPgid)
    const start = process.hrtime.bigint()
    await fn()
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, cpu: groupCpuSeconds(serverPgid) - cpu }
  }
  const compare = async (name, baseline, candidate) => {
    for (let i = 0; i < WARMUP; i++) {
      await baseline()
      await candidate()
    }
    const results = { baseline: [], candidate: [] }
    for (let i = 0; i < ITERATIONS; i++) {
      // Alternate which goes first, so drift on a noisy machine hits both alike.
      const order = i % 2 ? ["candidate", "baseline"] : ["baseline", "candidate"]
      for (const which of order) {
        results[which].push(await timed(which === "baseline" ? baseline : candidate))
      }
    }
    const b = median(results.baseline.map((r) => r.ms))
    const c = median(results.candidate.map((r) => r.ms))
    const bc = median(results.baseline.map((r) => r.cpu))
    const cc = median(results.candidate.map((r) => r.cpu))
    return { name, baseline_ms: b, candidate_ms: c, ratio: c / b, baseline_cpu_ms: bc * 1000, candidate_cpu_ms: cc * 1000 }
  }

  say(`measuring: ${WARMUP} warm-up rounds, then ${ITERATIONS} alternating rounds each; server heap limit ${SERVER_HEAP ? `${SERVER_HEAP} MB` : "Node's default"}; the store's stock of the items sold ${STORE_STOCK > 0 ? STORE_STOCK : "as seeded"}`)
  const rows = []
  if (wanted("sale")) rows.push(await compare("three-line sale (POS cash) vs storefront checkout", storefrontCheckout, posSale))
  if (wanted("scan")) rows.push(await compare("one scan (POS add line) vs storefront add-to-cart", storefrontAdd, posScan))
  if (wanted("replay")) rows.push(await replay())
  if (wanted("contention")) rows.push(...(await contention()))
  // The POS page last: it leaves offline sales on its till's shift.
  let pageResult = null
  if (wanted("page")) {
    const { buildPosPage } = require("./build-pos")
    await buildPosPage(undefined, { quiet: true })
    const { runPageBench } = require("./lib/page-bench")
    const { staff: member } = await call("GET", "/terminal/me", null, auth)
    pageResult = await runPageBench({
      base,
      token,
      staff: member,
      storeId,
      registerId: store.registers[0].id,
      apiScan: posScan,
      samples: Math.max(ITERATIONS, 50),
    })
  }

  // Four tills of one store at once: disjoint items, then the same two items; Medusa's storefront
  // checkouts of those two items 4 at a time as the baseline.
  async function contention() {
    const TILLS = 4
    const allSkus = Object.keys(variantId).sort()
    const disjoint = Array.from({ length: TILLS }, (_, t) => allSkus.slice(2 * t, 2 * t + 2))
    const shared = skus.slice(0, 2)
    await stockUp([...new Set([...disjoint.flat(), ...shared])])
    // a register and a shift per till (the first register's shift is open already)
    const registers = [...store.registers]
    while (registers.length < TILLS) {
      const { register } = await call("POST", `/admin/pos/stores/${storeId}/registers`, { name: `Bench till ${registers.length + 1}` }, admin)
      registers.push(register)
    }
    const shifts = [shift.id]
    for (const register of registers.slice(1, TILLS)) {
      shifts.push((await call("POST", `/terminal/stores/${storeId}/shifts`, { register_id: register.id, opening_float: 100 }, auth)).shift.id)
    }
    const tillSale = async (shiftId, lineSkus) => {
      const { sale } = await call("POST", `/terminal/stores/${storeId}/sales`, { shift_id: shiftId }, auth)
      let current
      for (const sku of lineSkus) {
        current = (await call("POST", `/terminal/sales/${sale.id}/lines`, { code: sku }, auth)).sale
      }
      await call("POST", `/terminal/sales/${sale.id}/tenders`, { type: "cash", amount: current.due, idempotency_key: `bench-${sale.id}` }, auth)
      await call("POST", `/terminal/sales/${sale.id}/complete`, {}, auth)
    }
    const run = async (name, work, sales = SALES) => {
      const errors = []
      const start = process.hrtime.bigint()
      await Promise.all(
        Array.from({ length: TILLS }, async (_, t) => {
          for (let i = 0; i < sales; i++) {
            await work(t).catch((error) => errors.push(error.message.slice(0, 200)))
          }
        })
      )
      const seconds = Number(process.hrtime.bigint() - start) / 1e9
      const done = TILLS * sales - errors.length
      return { name, done, errors, seconds, per_second: done / seconds }
    }
    // warm-up: one sale per till of each kind (one at a time), so that neither measured run is the cold one
    for (let t = 0; t < TILLS; t++) {
      await tillSale(shifts[t], disjoint[t])
      await tillSale(shifts[t], shared)
      await checkoutOf(shared)
    }
    const storefront = await run("storefront, 4 checkouts at a time of the same two items", () => checkoutOf(shared))
    const apart = await run("4 tills, disjoint items", (t) => tillSale(shifts[t], disjoint[t]))
    const together = await run("4 tills, the same two items", (t) => tillSale(shifts[t], shared))
    for (const r of [apart, together, storefront]) {
      process.stdout.write(
        `[bench] ${r.name}: ${r.done} done in ${r.seconds.toFixed(1)} s, ${r.per_second.toFixed(2)}/s, ${r.errors.length} errors` +
          (r.errors.length ? ` (${[...new Set(r.errors)].slice(0, 3).join(" | ")})` : "") +
          "\n"
      )
    }
    return [
      {
        name: `contention${REDIS ? " (Redis modules)" : ""}: 4 tills on the same two items vs on disjoint items (sales/s)`,
        baseline_ms: 1000 / apart.per_second,
        candidate_ms: 1000 / together.per_second,
        ratio: apart.per_second / together.per_second,
        throughput_ratio: together.per_second / apart.per_second,
        errors: together.errors.length + apart.errors.length,
        storefront_per_second: storefront.per_second,
        storefront_errors: storefront.errors.length,
      },
    ]
  }
  // Offline replay: batches of 20, each sent twice; memory sampled throughout.
  async function replay() {
    const liveMs = median(
      await (async () => {
        const times = []
        for (let i = 0; i < 5; i++) times.push((await timed(posSale)).ms)
        return times
      })()
    )
    const staffId = (await call("GET", "/terminal/me", null, auth)).staff.id
    const idle = groupRssMiB(serverPgid)
    let peak = idle
    const sampler = setInterval(() => (peak = Math.max(peak, groupRssMiB(serverPgid))), 200)
    const replayStart = process.hrtime.bigint()
    let applied = 0
    let duplicates = 0
    for (let done = 0; done < REPLAY; done += 20) {
      const batch = Array.from({ length: Math.min(20, REPLAY - done) }, (_, i) => ({
        client_txn_id: `bench-offline-${done + i}`,
        recorded_at: new Date(Date.now() - 60_000).toISOString(),
        staff_id: staffId,
        lines: skus.map((sku) => ({ code: sku, quantity: 1, unit_price: sku === "NW-TEE-BLA-M" ? 28 : sku === "NW-BNE-BLA-OS" ? 29 : 32 })),
        tenders: [{ type: "cash", amount: 98.23 }],
      }))
      for (let send = 0; send < 2; send++) {
        const { results } = await call("POST", `/terminal/stores/${storeId}/sync`, { register_id: store.registers[0].id, sales: batch }, auth)
        applied += results.filter((r) => r.status === "applied").length
        duplicates += results.filter((r) => r.status === "duplicate").length
      }
    }
    const replaySeconds = Number(process.hrtime.bigint() - replayStart) / 1e9
    clearInterval(sampler)
    return {
      name: `replay of ${REPLAY} offline sales (each sent twice) vs live three-line sales`,
      baseline_ms: liveMs,
      candidate_ms: (replaySeconds * 1000) / REPLAY,
      ratio: (replaySeconds * 1000) / REPLAY / liveMs,
      applied,
      duplicates,
      sales_per_second: REPLAY / replaySeconds,
      idle_rss_mib: idle,
      peak_rss_mib: peak,
    }
  }

  process.stdout.write("\n")
  if (process.argv.includes("--detail") && parts.create.length) {
    process.stdout.write(
      "counter sale by call (median ms): " +
        Object.entries(parts).map(([name, times]) => `${name} ${median(times).toFixed(0)}`).join(", ") + "\n"
    )
  }
  for (const r of rows) {
    process.stdout.write(
      `${r.name}\n  ${r.candidate_ms.toFixed(0)} ms vs ${r.baseline_ms.toFixed(0)} ms per operation → ratio ${r.ratio.toFixed(2)}` +
        (r.throughput_ratio != null
          ? `   throughput shared / disjoint ${r.throughput_ratio.toFixed(2)} (goal ≥ 0.9), ${r.errors} till errors; ` +
            `storefront ${r.storefront_per_second.toFixed(2)} checkouts/s, ${r.storefront_errors} errors\n`
          : r.candidate_cpu_ms != null
          ? `   server CPU ${r.candidate_cpu_ms.toFixed(0)} ms vs ${r.baseline_cpu_ms.toFixed(0)} ms\n`
          : `   ${r.sales_per_second.toFixed(2)} sales/s, ${r.applied} applied, ${r.duplicates} duplicates; ` +
            `server RSS ${r.idle_rss_mib.toFixed(0)} MiB idle, ${r.peak_rss_mib.toFixed(0)} MiB peak (+${(r.peak_rss_mib - r.idle_rss_mib).toFixed(0)})\n`)
    )
  }
  if (pageResult) {
    const p = pageResult
    process.stdout.write(
      `POS page in headless Chromium\n` +
        `  scan to line on screen ${p.scan_page_ms.toFixed(0)} ms vs the API scan alone ${p.scan_api_ms.toFixed(0)} ms → ratio ${p.scan_ratio.toFixed(2)} (goals ≤ 100 ms, ≤ 1.5); ` +
        `the server's answer on screen ${p.scan_confirmed_ms.toFixed(0)} ms → ratio ${p.scan_confirmed_ratio.toFixed(2)}\n` +
        `  first load: ${p.first_load_js_gzip_kb.toFixed(1)} KB of JavaScript (gzip; goal ≤ 250), sign-in usable after ${p.first_load_interactive_ms.toFixed(0)} ms (goal ≤ 1000)\n` +
        `  offline sale: Exact tapped → in the device's queue, receipt on screen ${p.offline_sale_ms.toFixed(1)} ms (goal ≤ 50)\n`
    )
  }
  const checkout = wanted("sale") && rows[0].baseline_ms
  if (checkout) {
    const worst = routing[routing.length - 1]
    process.stdout.write(
      `routing 1,000 nodes (plain list, the slower) against a storefront order placement: ${worst.plain_median_ms.toFixed(3)} ms of ${checkout.toFixed(0)} ms ` +
        `(${((100 * worst.plain_median_ms) / checkout).toFixed(3)}%)\n`
    )
  }
  fs.writeFileSync(path.join(root, ".data", "bench-results.json"), JSON.stringify({ routing, rows, page: pageResult, reports }, null, 2))
}

main().catch((error) => {
  process.stderr.write(`[bench] ${error.stack || error.message}\n`)
  process.exit(1)
})
