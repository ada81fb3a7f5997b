import fs from "fs"
import os from "os"
import path from "path"
import Redis from "ioredis"
import type { Client } from "pg"
import { prepareDemoDatabase, ServerProcess, serverEnv, staffAuth, stockAt, stockUp } from "../helpers/server-process"

/**
 * Several servers behave as one: two Medusa server processes
 * (MEDUSA_WORKER_MODE=server) and one worker (worker mode: subscribers,
 * scheduled jobs) on one database and one Redis (event bus, locking with the
 * plugin's provider, workflow engine), as the README's production setup. The
 * tills' requests are spread over both servers, and the results must be those
 * of one process: each sale once, each offline sale once, each online order
 * routed once, a curbside pickup checked in and handed over once, stock
 * consistent with the orders. npm test runs it when Redis
 * answers (POS_TEST_REDIS_URL).
 */
jest.setTimeout(900000)

const DATABASE = "medusa_pos_multi_test"
const work = fs.mkdtempSync(path.join(os.tmpdir(), "pos-multi-"))
const logFile = (name: string) => path.join(work, `${name}.log`)
// a Redis database of its own, so queues and locks of other runs are not mixed in
const redis = new URL(process.env.POS_TEST_REDIS_URL || "redis://127.0.0.1:6379")
redis.pathname = "/7"
const shared = { REDIS_URL: redis.toString() }
const serverA = new ServerProcess(9321, serverEnv(DATABASE, { ...shared, MEDUSA_WORKER_MODE: "server" }), logFile("server-a"))
const serverB = new ServerProcess(9322, serverEnv(DATABASE, { ...shared, MEDUSA_WORKER_MODE: "server" }), logFile("server-b"))
const worker = new ServerProcess(9323, serverEnv(DATABASE, { ...shared, MEDUSA_WORKER_MODE: "worker" }), logFile("worker"))
const servers = [serverA, serverB]

const SKUS = ["NW-TEE-BLA-M", "NW-CAP-NAV-OS"]
const PRICES: Record<string, number> = { "NW-TEE-BLA-M": 28, "NW-CAP-NAV-OS": 32 }

describe("two servers and a worker on one database and Redis", () => {
  let demo: any
  let db: Client
  let auth: Record<string, string>
  let staffId: string
  let storeId: string
  let locationId: string
  let registers: { id: string }[]
  const shifts: string[] = []

  beforeAll(async () => {
    // no queue or lock of an earlier run in this Redis database
    const client = new Redis(redis.toString())
    await client.flushdb()
    client.disconnect()
    const prepared = await prepareDemoDatabase(DATABASE, work, logFile("prepare"))
    demo = prepared.demo
    db = prepared.db
    // one after the other: three compiling at once on two cores only makes each slower
    for (const instance of [serverA, serverB, worker]) {
      await instance.start()
    }
    const staff = demo.staff.find((s: any) => s.store === "Northwind State Street" && s.role === "associate")
    auth = await staffAuth(serverA, staff)
    staffId = (await serverB.ok("GET", "/terminal/me", undefined, auth)).staff.id
    storeId = demo.store_ids.state
    locationId = demo.stock_location_ids.state
    await stockUp(serverA, demo, locationId, SKUS, 100)
    // four tills: a register and a shift each
    const { token } = await serverA.ok("POST", "/auth/user/emailpass", demo.admin)
    const admin = { authorization: `Bearer ${token}` }
    registers = [...(await serverA.ok("GET", `/terminal/stores/${storeId}`, undefined, auth)).store.registers]
    while (registers.length < 4) {
      registers.push((await serverB.ok("POST", `/admin/pos/stores/${storeId}/registers`, { name: `Till ${registers.length + 1}` }, admin)).register)
    }
    for (const [i, register] of registers.slice(0, 4).entries()) {
      shifts.push((await servers[i % 2].ok("POST", `/terminal/stores/${storeId}/shifts`, { register_id: register.id, opening_float: 100 }, auth)).shift.id)
    }
  })

  afterAll(async () => {
    await Promise.all([serverA.kill(), serverB.kill(), worker.kill()])
    await db?.end()
  })

  const ordersOfCart = async (cartId: string) =>
    (await db.query(`select order_id from order_cart where cart_id = $1 and deleted_at is null`, [cartId])).rows.map((r) => r.order_id)

  it("sells each sale once: four tills on the same two items, every request of a sale on the other server than the last", async () => {
    const before = await stockAt(db, locationId, SKUS)
    const SALES = 3
    const sold: { id: string; cart_id: string; order_id: string }[] = []
    await Promise.all(
      shifts.map(async (shiftId, till) => {
        for (let n = 0; n < SALES; n++) {
          // create, scan, scan, tender, complete: alternating servers, the first one by till
          const at = (step: number) => servers[(till + step) % 2]
          const { sale } = await at(0).ok("POST", `/terminal/stores/${storeId}/sales`, { shift_id: shiftId }, auth)
          let current: any
          for (const [i, sku] of SKUS.entries()) {
            current = (await at(1 + i).ok("POST", `/terminal/sales/${sale.id}/lines`, { code: sku }, auth)).sale
          }
          await at(3).ok("POST", `/terminal/sales/${sale.id}/tenders`, { type: "cash", amount: current.due, idempotency_key: `multi-${sale.id}` }, auth)
          // the till retries its complete on the other server at once (a timeout on its side): one order either way
          const answers = await Promise.all([
            at(4).call("POST", `/terminal/sales/${sale.id}/complete`, {}, auth),
            at(5).call("POST", `/terminal/sales/${sale.id}/complete`, {}, auth),
          ])
          const done = answers.find((a) => a.status === 200)
          expect(done).toBeDefined()
          for (const other of answers.filter((a) => a !== done)) {
            // the second either waited for the first and found it finished, or finished it itself
            expect([200, 400]).toContain(other.status)
            if (other.status === 400) {
              expect(other.data.message).toContain("is already completed")
            }
          }
          sold.push({ id: sale.id, cart_id: sale.cart_id, order_id: done!.data.order.id })
        }
      })
    )
    expect(sold).toHaveLength(shifts.length * SALES)
    for (const sale of sold) {
      expect(await ordersOfCart(sale.cart_id)).toEqual([sale.order_id])
    }
    const { rows } = await db.query(`select count(*)::int as n from pos_sale where id = any($1) and status = 'completed'`, [sold.map((s) => s.id)])
    expect(rows[0].n).toBe(sold.length)
    // each sale took its two units off the shelf once, and nothing stays reserved
    expect(await stockAt(db, locationId, SKUS)).toEqual(before.map((s) => ({ ...s, stocked: s.stocked - sold.length })))
  })

  it("applies each offline sale once when the same queue reaches both servers at once, and again later", async () => {
    const before = await stockAt(db, locationId, SKUS)
    const { count: ordersBefore } = (await db.query(`select count(*)::int as count from "order"`)).rows[0]
    const sales = Array.from({ length: 5 }, (_, i) => ({
      client_txn_id: `multi-offline-${i}`,
      recorded_at: new Date(Date.now() - 60_000 + i).toISOString(),
      staff_id: staffId,
      lines: SKUS.map((sku) => ({ code: sku, quantity: 1, unit_price: PRICES[sku] })),
      tenders: [{ type: "cash", amount: 100 }],
    }))
    const body = { register_id: registers[0].id, sales }
    const answers = await Promise.all(servers.map((server) => server.call("POST", `/terminal/stores/${storeId}/sync`, body, auth)))
    const results = answers.flatMap((a) => (a.status === 200 ? a.data.results : []))
    expect(answers.some((a) => a.status === 200)).toBe(true)
    // nothing is lost: every sale is applied once by one of the two, and never twice
    const applied = results.filter((r: any) => r.status === "applied")
    expect(applied.map((r: any) => r.client_txn_id).sort()).toEqual(sales.map((s) => s.client_txn_id).sort())

    // the queue sent again (a till that never heard back): all duplicates
    const again = await serverB.ok("POST", `/terminal/stores/${storeId}/sync`, body, auth)
    expect(again.results.map((r: any) => r.status)).toEqual(sales.map(() => "duplicate"))

    const { rows } = await db.query(
      `select client_txn_id, count(*)::int as n from pos_offline_sale where client_txn_id = any($1) and deleted_at is null group by client_txn_id`,
      [sales.map((s) => s.client_txn_id)]
    )
    expect(rows.map((r) => r.n)).toEqual(sales.map(() => 1))
    const { count: ordersAfter } = (await db.query(`select count(*)::int as count from "order"`)).rows[0]
    expect(ordersAfter).toBe(ordersBefore + sales.length)
    expect(await stockAt(db, locationId, SKUS)).toEqual(before.map((s) => ({ ...s, stocked: s.stocked - sales.length })))
  })

  it("routes each online order once: orders placed through both servers, routed by the worker", async () => {
    const key = { "x-publishable-api-key": demo.publishable_key }
    const { products } = await serverA.ok("GET", "/store/products?limit=100&fields=variants.id,variants.sku", undefined, key)
    const variantId = Object.fromEntries(products.flatMap((p: any) => p.variants.map((v: any) => [v.sku, v.id])))
    const address = { first_name: "Multi", last_name: "Server", address_1: "1 Main St", city: "Chicago", province: "us-il", postal_code: "60601", country_code: "us" }
    const orderIds: string[] = []
    for (const [i, server] of [serverA, serverB, serverA, serverB].entries()) {
      const { cart } = await server.ok("POST", "/store/carts", { region_id: demo.region_ids.usd }, key)
      await server.ok("POST", `/store/carts/${cart.id}/line-items`, { variant_id: variantId[SKUS[i % 2]], quantity: 1 }, key)
      await server.ok("POST", `/store/carts/${cart.id}`, { email: `multi-${i}@example.com`, shipping_address: address }, key)
      const { shipping_options } = await server.ok("GET", `/store/shipping-options?cart_id=${cart.id}`, undefined, key)
      const ship = shipping_options.find((o: any) => !/pick ?up/i.test(o.name)) ?? shipping_options[0]
      await server.ok("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: ship.id }, key)
      const { payment_collection } = await server.ok("POST", "/store/payment-collections", { cart_id: cart.id }, key)
      await server.ok("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, key)
      const placed = await server.ok("POST", `/store/carts/${cart.id}/complete`, {}, key)
      orderIds.push(placed.order.id)
    }
    // `order.placed` reaches the worker's subscriber through Redis's event bus
    const decisions = async () =>
      (await db.query(`select order_id, count(*)::int as n from pos_routing_decision where order_id = any($1) group by order_id`, [orderIds])).rows
    const deadline = Date.now() + 60000
    while ((await decisions()).length < orderIds.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    // give a second delivery, if there were one, the time to land
    await new Promise((resolve) => setTimeout(resolve, 3000))
    const routed = await decisions()
    expect(routed.map((r) => r.order_id).sort()).toEqual([...orderIds].sort())
    expect(routed.map((r) => r.n)).toEqual(orderIds.map(() => 1))
    const { rows: tasks } = await db.query(
      `select order_id, count(*)::int as n from pos_store_task where order_id = any($1) and deleted_at is null group by order_id`,
      [orderIds]
    )
    // at most one task per order (one shipment each); a warehouse shipment has none
    expect(tasks.every((t) => t.n === 1)).toBe(true)
  })

  it("hands a curbside pickup over once: picked on one server, ready on the other, wrong codes counted across both, collected once", async () => {
    const SKU = SKUS[1]
    const key = { "x-publishable-api-key": demo.publishable_key }
    const before = await stockAt(db, locationId, [SKU])
    const { products } = await serverA.ok("GET", "/store/products?limit=100&fields=variants.id,variants.sku", undefined, key)
    const variantId = products.flatMap((p: any) => p.variants).find((v: any) => v.sku === SKU).id
    const { cart } = await serverB.ok("POST", "/store/carts", { region_id: demo.region_ids.usd }, key)
    await serverA.ok("POST", `/store/carts/${cart.id}/line-items`, { variant_id: variantId, quantity: 1 }, key)
    const address = { first_name: "Curb", last_name: "Side", address_1: "1 Main St", city: "Chicago", province: "us-il", postal_code: "60601", country_code: "us" }
    await serverB.ok("POST", `/store/carts/${cart.id}`, { email: "curbside-multi@example.com", shipping_address: address }, key)
    const { shipping_options } = await serverA.ok("GET", `/store/shipping-options?cart_id=${cart.id}`, undefined, key)
    const pickup = shipping_options.find((o: any) => o.name === "Pick up at Northwind State Street")
    await serverB.ok("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: pickup.id }, key)
    const { payment_collection } = await serverA.ok("POST", "/store/payment-collections", { cart_id: cart.id }, key)
    await serverB.ok("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, key)
    const orderId = (await serverA.ok("POST", `/store/carts/${cart.id}/complete`, {}, key)).order.id

    // the worker routes it to State Street's queue, seen from either server
    let task: any
    const deadline = Date.now() + 60000
    while (!task && Date.now() < deadline) {
      task = (await servers[Date.now() % 2].ok("GET", `/terminal/stores/${storeId}/tasks`, undefined, auth)).tasks.find((t: any) => t.order_id === orderId)
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
    expect(task).toMatchObject({ kind: "pickup", status: "open" })
    await serverB.ok("POST", `/terminal/tasks/${task.id}/pick`, {}, auth)
    await serverA.ok("POST", `/terminal/tasks/${task.id}/ready`, {}, auth)
    const { rows: sent } = await db.query(
      `select data from notification where resource_id = $1 and template = 'pos-pickup-ready' order by created_at desc limit 1`,
      [orderId]
    )
    const code = sent[0].data.pickup_code as string
    const wrong = code === "000000" ? "111111" : "000000"

    // two wrong codes at each server at once: four counted, none lost between the servers
    const wrongs = await Promise.all([serverA, serverB, serverA, serverB].map((server) =>
      server.call("POST", `/store/orders/${orderId}/pickup-arrival`, { pickup_code: wrong }, key)
    ))
    expect(wrongs.map((w) => w.status)).toEqual([400, 400, 400, 400])
    const { rows: counted } = await db.query(`select failed_check_ins from pos_store_task where id = $1`, [task.id])
    expect(counted[0].failed_check_ins).toBe(4)
    await serverB.ok("POST", `/store/orders/${orderId}/pickup-arrival`, { pickup_code: code, note: "Red car, bay 1" }, key)
    const queued = (await serverA.ok("GET", `/terminal/stores/${storeId}/tasks`, undefined, auth)).tasks
    expect(queued[0]).toMatchObject({ id: task.id, arrival_note: "Red car, bay 1" })

    // the associate's tablet retries the hand-over on the other server at once: handed over once
    const answers = await Promise.all(servers.map((server) => server.call("POST", `/terminal/tasks/${task.id}/collect`, { pickup_code: code }, auth)))
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400])
    expect(answers.find((a) => a.status === 400)!.data.message).toContain("already collected")
    const { rows: fulfillments } = await db.query(
      `select count(*)::int as n from order_fulfillment ofl join fulfillment f on f.id = ofl.fulfillment_id
        where ofl.order_id = $1 and ofl.deleted_at is null and f.canceled_at is null`,
      [orderId]
    )
    expect(fulfillments[0].n).toBe(1)
    const { rows: captures } = await db.query(
      `select count(*)::int as n from capture c join payment p on p.id = c.payment_id
         join order_payment_collection opc on opc.payment_collection_id = p.payment_collection_id
        where opc.order_id = $1 and c.deleted_at is null`,
      [orderId]
    )
    expect(captures[0].n).toBe(1)
    expect(await stockAt(db, locationId, [SKU])).toEqual(before.map((s) => ({ ...s, stocked: s.stocked - 1 })))
  })
})
