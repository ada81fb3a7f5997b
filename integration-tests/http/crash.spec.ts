import fs from "fs"
import os from "os"
import path from "path"
import type { Client } from "pg"
import { prepareDemoDatabase, root, ServerProcess, serverEnv, staffAuth, stockAt, stockUp } from "../helpers/server-process"

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

const DATABASE = "medusa_pos_crash_test"
const work = fs.mkdtempSync(path.join(os.tmpdir(), "pos-crash-"))
const plan = path.join(work, "plan")
const logFile = path.join(work, "server.log")
const server = new ServerProcess(
  9311,
  serverEnv(DATABASE, {
    POS_CRASH_PLAN: plan,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(root, "integration-tests/crash/crash-points.js")}`.trim(),
  }),
  logFile
)
let db: Client

async function waitFor(file: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) {
      return fs.readFileSync(file, "utf8")
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${path.basename(file)} never appeared; the end of the server's log:\n${server.logTail(30)}`)
}

const SKUS = ["NW-TEE-BLA-M", "NW-CAP-NAV-OS"]

describe("a server killed in the middle of a counter sale's completion", () => {
  let auth: Record<string, string>
  let storeId: string
  let locationId: string
  let shiftId: string
  let managerPin: string

  beforeAll(async () => {
    const prepared = await prepareDemoDatabase(DATABASE, work, logFile)
    const demo = prepared.demo
    db = prepared.db
    await server.start()
    const staff = demo.staff.find((s: any) => s.store === "Northwind State Street" && s.role === "associate")
    const manager = demo.staff.find((s: any) => s.store === "Northwind State Street" && s.role === "manager")
    managerPin = manager.pin
    auth = await staffAuth(server, staff)
    storeId = demo.store_ids.state
    locationId = demo.stock_location_ids.state
    // the store holds stock of what it sells
    await stockUp(server, demo, locationId, SKUS, 50)
    const { store } = await server.ok("GET", `/terminal/stores/${storeId}`, undefined, auth)
    shiftId = (await server.ok("POST", `/terminal/stores/${storeId}/shifts`, { register_id: store.registers[0].id, opening_float: 100 }, auth)).shift.id
  })

  afterAll(async () => {
    await server.kill()
    await db?.end()
  })

  const stock = () => stockAt(db, locationId, SKUS)

  async function paidSale() {
    const { sale } = await server.ok("POST", `/terminal/stores/${storeId}/sales`, { shift_id: shiftId }, auth)
    let current: any
    for (const sku of SKUS) {
      current = (await server.ok("POST", `/terminal/sales/${sale.id}/lines`, { code: sku }, auth)).sale
    }
    await server.ok("POST", `/terminal/sales/${sale.id}/tenders`, { type: "cash", amount: current.due, idempotency_key: `crash-${sale.id}` }, auth)
    return sale as { id: string; cart_id: string }
  }

  /** Asks to complete with the crash planned at `point`; kills the server when it gets there; starts it again. */
  async function completeAndCrashAt(saleId: string, point: string) {
    fs.writeFileSync(plan, point)
    const asked = server.call("POST", `/terminal/sales/${saleId}/complete`, {}, auth).then(
      (answer) => answer,
      (error) => ({ status: 0, data: { message: String(error) } })
    )
    expect(await waitFor(`${plan}.reached`, 120000)).toBe(point)
    fs.unlinkSync(`${plan}.reached`)
    await server.kill()
    // the till's request died with the server
    expect((await asked).status).toBe(0)
    await server.start()
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

      const again = await server.call("POST", `/terminal/sales/${sale.id}/complete`, {}, auth)
      expect(again.data.message).toBeUndefined()
      expect(again.status).toBe(200)
      const state = await orderState(sale.cart_id)
      expect(state.orders).toEqual([again.data.order.id])
      const { rows: [{ n: ordersAfter }] } = await db.query(`select count(*)::int as n from "order"`)
      expect(ordersAfter).toBe(ordersBefore + 1)
      expect(state).toMatchObject({ uncaptured: 0, fulfillments: [true], reservations: 0 })
      // one cash tender, one payment: never charged twice
      expect(state.live_payments).toBe(1)
      // each unit left the store once, and nothing stays reserved for it
      expect(await stock()).toEqual(before.map((s) => ({ ...s, stocked: s.stocked - 1 })))
      const { rows: sales } = await db.query(`select status, order_id from pos_sale where id = $1`, [sale.id])
      expect(sales[0]).toEqual({ status: "completed", order_id: again.data.order.id })
      // and it is finished: a third complete is refused
      const third = await server.call("POST", `/terminal/sales/${sale.id}/complete`, {}, auth)
      expect(third.status).toBe(400)
      expect(third.data.message).toContain("is already completed")
    })
  }

  it("finishes a return after a kill -9 once Medusa's return stood: the retry refunds once and receives nothing twice", async () => {
    const sale = await paidSale()
    const { order } = await server.ok("POST", `/terminal/sales/${sale.id}/complete`, {}, auth)
    const before = await stock()
    const { lines } = await server.ok("POST", `/terminal/orders/${order.id}/return-eligibility`, {}, auth)
    const line = lines.find((l: any) => l.returnable_quantity > 0)
    const body = {
      order_id: order.id,
      lines: [{ line_item_id: line.line_item_id, quantity: 1, disposition: "resellable" }],
      idempotency_key: `crash-return-${sale.id}`,
      shift_id: shiftId,
    }
    fs.writeFileSync(plan, "returnReceived")
    const asked = server.call("POST", `/terminal/stores/${storeId}/returns`, body, auth).then(
      (answer) => answer,
      (error) => ({ status: 0, data: { message: String(error) } })
    )
    expect(await waitFor(`${plan}.reached`, 120000)).toBe("returnReceived")
    fs.unlinkSync(`${plan}.reached`)
    await server.kill()
    expect((await asked).status).toBe(0)
    // killed: Medusa's return is received, the till's row still says receiving, with the order change it began
    const { rows: [row] } = await db.query(`select id, status, order_change_id, medusa_done_at from pos_return where order_id = $1`, [order.id])
    expect(row).toMatchObject({ status: "receiving", order_change_id: expect.stringMatching(/^ordch_/), medusa_done_at: expect.any(Date) })
    const returns = async () => (await db.query(`select id, status from "return" where order_id = $1 and deleted_at is null`, [order.id])).rows
    expect(await returns()).toEqual([{ id: expect.any(String), status: "received" }])
    await server.start()

    // the till asks again, once the killed server's lock on the order's returns has run out
    let again: any
    for (let tries = 0; tries < 30; tries++) {
      again = await server.call("POST", `/terminal/stores/${storeId}/returns`, body, auth)
      if (again.status !== 409 || !String(again.data.message).includes("lock")) {
        break
      }
      await new Promise((resolve) => setTimeout(resolve, 5000))
    }
    expect(again.data.message).toBeUndefined()
    expect(again.status).toBe(200)
    expect(again.data.return).toMatchObject({ id: row.id, status: "refunded", return_id: (await returns())[0].id })
    expect(again.data.replayed).toBe(true)
    expect(await returns()).toHaveLength(1)
    const { rows: refunds } = await db.query(`select status from pos_refund where order_id = $1`, [order.id])
    expect(refunds).toEqual([{ status: "succeeded" }])
    // the unit came back onto this store's shelf once, and nothing is held for it
    const total = (rows: { stocked: number; reserved: number }[]) => rows.reduce((sum, s) => sum + s.stocked, 0)
    const after = await stock()
    expect(total(after)).toBe(total(before) + 1)
    expect(after.map((s) => s.reserved)).toEqual(before.map((s) => s.reserved))
  })

  it("lets a void release a sale whose completion was killed before its order", async () => {
    const before = await stock()
    const sale = await paidSale()
    await completeAndCrashAt(sale.id, "validate")
    // money was taken: a manager approves the void with their PIN
    const { approval } = await server.ok("POST", "/terminal/pin/verify", { store_id: storeId, pin: managerPin, action: "sale.void_tendered" }, auth)
    const voided = await server.call("POST", `/terminal/sales/${sale.id}/void`, { approval_id: approval.id }, auth)
    expect(voided.data.message).toBeUndefined()
    expect(voided.status).toBe(200)
    expect((await orderState(sale.cart_id)).orders).toEqual([])
    expect(await stock()).toEqual(before)
    const { rows: sales } = await db.query(`select status, order_id from pos_sale where id = $1`, [sale.id])
    expect(sales[0]).toEqual({ status: "voided", order_id: null })
  })
})
