import { spawn, type ChildProcess } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"
import { Client } from "pg"

/**
 * A merchant's crash in the middle of a completion: a real Medusa server process
 * (`medusa develop` on a database of its own, the demo seeded) is killed with
 * SIGKILL at a known point of a counter sale's completion, started again, and
 * the till asks to complete again. Each point must leave a sale that this
 * second `complete` finishes (one order, stock taken once, nothing left
 * reserved, every payment captured, the lines delivered), or that a void
 * releases. The points are the hooks of Medusa's own workflows the completion
 * runs through, reached by integration-tests/crash/crash-points.js (preloaded
 * into the server only here), where the test kills the process.
 */
jest.setTimeout(900000)

const { medusaBin, root, runMedusa, waitForHealth } = require("../../scripts/lib/medusa")

const DATABASE = "medusa_pos_crash_test"
const PORT = 9311
const base = `http://localhost:${PORT}`
const work = fs.mkdtempSync(path.join(os.tmpdir(), "pos-crash-"))
const plan = path.join(work, "plan")
const logFile = path.join(work, "server.log")
const connection = {
  host: process.env.DB_HOST || "localhost",
  port: Number(process.env.DB_PORT || 5432),
  user: process.env.DB_USERNAME || "postgres",
  password: process.env.DB_PASSWORD || "",
}
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  DATABASE_URL: `postgres://${encodeURIComponent(connection.user)}${connection.password ? `:${encodeURIComponent(connection.password)}` : ""}@${connection.host}:${connection.port}/${DATABASE}`,
  MEDUSA_DISABLE_TELEMETRY: "true",
  DISABLE_MEDUSA_ADMIN: "true",
  LOG_LEVEL: "error",
  NODE_ENV: "development",
  PORT: String(PORT),
  POS_CRASH_PLAN: plan,
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(root, "integration-tests/crash/crash-points.js")}`.trim(),
}
delete env.REDIS_URL

let server: ChildProcess | null = null
let db: Client

async function startServer() {
  const log = fs.openSync(logFile, "a")
  server = spawn(medusaBin, ["develop"], { cwd: root, env, stdio: ["ignore", log, log], detached: true })
  fs.closeSync(log)
  if (!(await waitForHealth(`${base}/health`, server, 180000))) {
    throw new Error(`The server did not start; the end of its log:\n${fs.readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n")}`)
  }
}

/** kill -9 of the server and everything it started */
async function killServer() {
  if (!server) {
    return
  }
  const exited = new Promise((resolve) => server!.once("exit", resolve))
  try {
    process.kill(-server.pid!, "SIGKILL")
  } catch {}
  await exited
  server = null
}

async function call(method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(base + urlPath, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body ? JSON.stringify(body) : undefined,
  })
  const data: any = await response.json().catch(() => ({}))
  return { status: response.status, data }
}

async function ok(method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}) {
  const { status, data } = await call(method, urlPath, body, headers)
  if (status >= 300) {
    throw new Error(`${method} ${urlPath} → ${status} ${JSON.stringify(data).slice(0, 300)}`)
  }
  return data
}

async function waitFor(file: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) {
      return fs.readFileSync(file, "utf8")
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${path.basename(file)} never appeared; the end of the server's log:\n${fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n")}`)
}

const SKUS = ["NW-TEE-BLA-M", "NW-CAP-NAV-OS"]

describe("a server killed in the middle of a counter sale's completion", () => {
  let auth: Record<string, string>
  let storeId: string
  let locationId: string
  let shiftId: string
  let managerPin: string

  beforeAll(async () => {
    const admin = new Client({ ...connection, database: "postgres" })
    await admin.connect()
    await admin.query(`drop database if exists ${DATABASE} with (force)`)
    await admin.query(`create database ${DATABASE}`)
    await admin.end()
    const migrateEnv = { ...env, NODE_OPTIONS: process.env.NODE_OPTIONS ?? "" }
    await runMedusa(["db:migrate"], migrateEnv, logFile)
    const summaryFile = path.join(work, "summary.json")
    await runMedusa(["exec", "./demo/seed.ts", summaryFile], migrateEnv, logFile)
    const demo = JSON.parse(fs.readFileSync(summaryFile, "utf8"))
    db = new Client({ ...connection, database: DATABASE })
    await db.connect()
    await startServer()

    const staff = demo.staff.find((s: any) => s.store === "Northwind State Street" && s.role === "associate")
    const manager = demo.staff.find((s: any) => s.store === "Northwind State Street" && s.role === "manager")
    managerPin = manager.pin
    const { token } = await ok("POST", "/auth/staff/emailpass", { email: staff.email, password: staff.password })
    auth = { authorization: `Bearer ${token}` }
    storeId = demo.store_ids.state
    locationId = demo.stock_location_ids.state
    // the store holds stock of what it sells, counted in through the admin API
    const { token: adminToken } = await ok("POST", "/auth/user/emailpass", demo.admin)
    const adminAuth = { authorization: `Bearer ${adminToken}` }
    for (const sku of SKUS) {
      const { inventory_items } = await ok("GET", `/admin/inventory-items?sku=${sku}&fields=id,location_levels.location_id`, undefined, adminAuth)
      const item = inventory_items[0]
      const exists = (item.location_levels ?? []).some((l: any) => l.location_id === locationId)
      const levels = `/admin/inventory-items/${item.id}/location-levels`
      await ok("POST", exists ? `${levels}/${locationId}` : levels, exists ? { stocked_quantity: 50 } : { location_id: locationId, stocked_quantity: 50 }, adminAuth)
    }
    const { store } = await ok("GET", `/terminal/stores/${storeId}`, undefined, auth)
    shiftId = (await ok("POST", `/terminal/stores/${storeId}/shifts`, { register_id: store.registers[0].id, opening_float: 100 }, auth)).shift.id
  })

  afterAll(async () => {
    await killServer()
    await db?.end()
  })

  /** stocked and reserved of each SKU at the store */
  async function stock() {
    const { rows } = await db.query(
      `select ii.sku, l.stocked_quantity::numeric as stocked, l.reserved_quantity::numeric as reserved
         from inventory_level l join inventory_item ii on ii.id = l.inventory_item_id
        where l.location_id = $1 and ii.sku = any($2) and l.deleted_at is null order by ii.sku`,
      [locationId, SKUS]
    )
    return rows.map((r) => ({ sku: r.sku, stocked: Number(r.stocked), reserved: Number(r.reserved) }))
  }

  async function paidSale() {
    const { sale } = await ok("POST", `/terminal/stores/${storeId}/sales`, { shift_id: shiftId }, auth)
    let current: any
    for (const sku of SKUS) {
      current = (await ok("POST", `/terminal/sales/${sale.id}/lines`, { code: sku }, auth)).sale
    }
    await ok("POST", `/terminal/sales/${sale.id}/tenders`, { type: "cash", amount: current.due, idempotency_key: `crash-${sale.id}` }, auth)
    return sale as { id: string; cart_id: string }
  }

  /** Asks to complete with the crash planned at `point`; kills the server when it gets there; starts it again. */
  async function completeAndCrashAt(saleId: string, point: string) {
    fs.writeFileSync(plan, point)
    const asked = call("POST", `/terminal/sales/${saleId}/complete`, {}, auth).then(
      (answer) => answer,
      (error) => ({ status: 0, data: { message: String(error) } })
    )
    expect(await waitFor(`${plan}.reached`, 120000)).toBe(point)
    fs.unlinkSync(`${plan}.reached`)
    await killServer()
    // the till's request died with the server
    expect((await asked).status).toBe(0)
    await startServer()
  }

  async function orderState(cartId: string) {
    const { rows: links } = await db.query(`select order_id from order_cart where cart_id = $1 and deleted_at is null`, [cartId])
    const orderIds = links.map((l) => l.order_id)
    const { rows: payments } = await db.query(
      `select p.captured_at, p.canceled_at from payment p
         join cart_payment_collection cpc on cpc.payment_collection_id = p.payment_collection_id and cpc.deleted_at is null
        where cpc.cart_id = $1 and p.deleted_at is null`,
      [cartId]
    )
    const { rows: fulfillments } = await db.query(
      `select f.delivered_at, f.canceled_at from fulfillment f
         join order_fulfillment ofl on ofl.fulfillment_id = f.id and ofl.deleted_at is null
        where ofl.order_id = any($1) and f.deleted_at is null`,
      [orderIds]
    )
    const { rows: held } = await db.query(
      `select count(*)::int as n from reservation_item r join order_line_item li on li.id = r.line_item_id
         join order_item oi on oi.item_id = li.id where oi.order_id = any($1) and r.deleted_at is null`,
      [orderIds]
    )
    return {
      orders: orderIds,
      live_payments: payments.filter((p) => !p.canceled_at).length,
      uncaptured: payments.filter((p) => !p.canceled_at && !p.captured_at).length,
      fulfillments: fulfillments.filter((f) => !f.canceled_at).map((f) => !!f.delivered_at),
      reservations: held[0].n,
    }
  }

  for (const point of ["validate", "beforePaymentAuthorization", "orderCreated", "fulfillmentCreated"]) {
    it(`finishes the sale with a second complete after a kill -9 at ${point}`, async () => {
      const before = await stock()
      const { rows: [{ n: ordersBefore }] } = await db.query(`select count(*)::int as n from "order"`)
      const sale = await paidSale()
      await completeAndCrashAt(sale.id, point)

      const again = await call("POST", `/terminal/sales/${sale.id}/complete`, {}, auth)
      expect(again.data.message).toBeUndefined()
      expect(again.status).toBe(200)
      const state = await orderState(sale.cart_id)
      expect(state.orders).toEqual([again.data.order.id])
      const { rows: [{ n: ordersAfter }] } = await db.query(`select count(*)::int as n from "order"`)
      expect(ordersAfter).toBe(ordersBefore + 1)
      expect(state).toMatchObject({ uncaptured: 0, fulfillments: [true], reservations: 0 })
      expect(state.live_payments).toBeGreaterThanOrEqual(1)
      // each unit left the store once, and nothing stays reserved for it
      expect(await stock()).toEqual(before.map((s) => ({ ...s, stocked: s.stocked - 1 })))
      const { rows: sales } = await db.query(`select status, order_id from pos_sale where id = $1`, [sale.id])
      expect(sales[0]).toEqual({ status: "completed", order_id: again.data.order.id })
      // and it is finished: a third complete is refused
      const third = await call("POST", `/terminal/sales/${sale.id}/complete`, {}, auth)
      expect(third.status).toBe(400)
      expect(third.data.message).toContain("is already completed")
    })
  }

  it("lets a void release a sale whose completion was killed before its order", async () => {
    const before = await stock()
    const sale = await paidSale()
    await completeAndCrashAt(sale.id, "validate")
    // money was taken: a manager approves the void with their PIN
    const { approval } = await ok("POST", "/terminal/pin/verify", { store_id: storeId, pin: managerPin, action: "sale.void_tendered" }, auth)
    const voided = await call("POST", `/terminal/sales/${sale.id}/void`, { approval_id: approval.id }, auth)
    expect(voided.data.message).toBeUndefined()
    expect(voided.status).toBe(200)
    expect((await orderState(sale.cart_id)).orders).toEqual([])
    expect(await stock()).toEqual(before)
    const { rows: sales } = await db.query(`select status, order_id from pos_sale where id = $1`, [sale.id])
    expect(sales[0]).toEqual({ status: "voided", order_id: null })
  })
})
