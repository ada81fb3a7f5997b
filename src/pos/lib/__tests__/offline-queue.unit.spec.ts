import "fake-indexeddb/auto"
import { IDBFactory } from "fake-indexeddb"
import { ApiError, type Api } from "../api"
import { openDb } from "../idb"
import { OfflineQueue, syncPayload, syncQueue, type QueuedSale } from "../offline-queue"

let n = 0
function sale(overrides: Partial<QueuedSale> = {}): QueuedSale {
  n++
  return {
    client_txn_id: `off-${String(n).padStart(3, "0")}`,
    store_id: "str_1",
    register_id: "preg_1",
    staff_id: "stf_luis",
    staff_name: "Luis Ortega",
    recorded_at: new Date(Date.UTC(2026, 11, 4, 10, 0, n)).toISOString(),
    lines: [{ variant_id: "variant_1", code: "2000010001002", title: "Tee", quantity: 1, unit_price: 28, tax_rate: 10.25 }],
    tenders: [{ type: "cash", amount: 30.87, tendered: 40 }],
    total: 30.87,
    ...overrides,
  }
}

/** A server that answers the sync route as the plugin does, applying each client_txn_id once. */
function fakeServer(options: { failAfter?: number; statusOf?: (id: string) => string } = {}) {
  const applied = new Set<string>()
  const calls: any[] = []
  const api: Api = {
    get: async () => ({}),
    text: async () => "",
    patch: async () => ({}),
    del: async () => ({}),
    post: async (path: string, body: any) => {
      calls.push({ path, body })
      if (options.failAfter !== undefined && calls.length > options.failAfter) {
        throw new ApiError("The server cannot be reached. Check the network connection.", 0, "unreachable")
      }
      return {
        results: body.sales.map((s: any) => {
          const status = options.statusOf?.(s.client_txn_id) ?? (applied.has(s.client_txn_id) ? "duplicate" : "applied")
          if (status === "applied") applied.add(s.client_txn_id)
          return { client_txn_id: s.client_txn_id, status, conflicts: [] }
        }),
      } as any
    },
  }
  return { api, calls, applied }
}

describe("the offline queue on the device", () => {
  let queue: OfflineQueue
  const till = { store_id: "str_1", register_id: "preg_1", staff_id: "stf_luis", manager: false }

  beforeEach(async () => {
    const db = await openDb(new IDBFactory(), `test-${Math.random()}`)
    queue = new OfflineQueue(db)
  })

  it("keeps sales in recorded order across a reopened database, and never overwrites one", async () => {
    const factory = new IDBFactory()
    const first = new OfflineQueue(await openDb(factory, "survives"))
    const [a, b, c] = [sale(), sale(), sale()]
    await first.add(c)
    await first.add(a)
    await first.add(b)
    await expect(first.add({ ...a, total: 1 })).rejects.toBeDefined()
    // a reload: the same browser database, opened again
    const again = new OfflineQueue(await openDb(factory, "survives"))
    const kept = await again.list("str_1", "preg_1")
    expect(kept.map((s) => s.client_txn_id)).toEqual([a, b, c].map((s) => s.client_txn_id))
    expect(kept[0].total).toBe(30.87)
    expect(await again.list("str_1", "preg_2")).toEqual([])
  })

  it("sends the queue in order and removes each sale only once the server answered for it", async () => {
    const sales = [sale(), sale(), sale()]
    for (const s of sales) await queue.add(s)
    const server = fakeServer()
    const report = await syncQueue(server.api, queue, till, 2)
    expect(server.calls.map((c) => c.body.sales.map((s: any) => s.client_txn_id))).toEqual([
      [sales[0].client_txn_id, sales[1].client_txn_id],
      [sales[2].client_txn_id],
    ])
    expect(server.calls[0]).toMatchObject({ path: "/terminal/stores/str_1/sync", body: { register_id: "preg_1" } })
    expect(report.results.map((r) => r.status)).toEqual(["applied", "applied", "applied"])
    expect(report.left).toBe(0)
    expect(await queue.list("str_1", "preg_1")).toEqual([])
    expect((await queue.reports())[0].results).toHaveLength(3)
  })

  it("keeps what the server did not answer, or answered as an error, to send again", async () => {
    const sales = [sale(), sale(), sale()]
    for (const s of sales) await queue.add(s)
    // the network goes after the first batch
    const cut = fakeServer({ failAfter: 1 })
    const report = await syncQueue(cut.api, queue, till, 1)
    expect(report.error).toContain("cannot be reached")
    expect(report.left).toBe(2)
    expect((await queue.list("str_1", "preg_1")).map((s) => s.client_txn_id)).toEqual([sales[1].client_txn_id, sales[2].client_txn_id])
    // an error answer stays; rejected and needs-attention sales leave the device (the server keeps them)
    const mixed = fakeServer({ statusOf: (id) => (id === sales[1].client_txn_id ? "error" : "rejected") })
    await syncQueue(mixed.api, queue, till)
    expect((await queue.list("str_1", "preg_1")).map((s) => s.client_txn_id)).toEqual([sales[1].client_txn_id])
  })

  it("sends only the signed-in member's sales, unless a manager syncs", async () => {
    const mine = sale()
    const theirs = sale({ staff_id: "stf_hannah", staff_name: "Hannah Kim" })
    await queue.add(mine)
    await queue.add(theirs)
    const server = fakeServer()
    const report = await syncQueue(server.api, queue, till)
    expect(report.results.map((r) => r.client_txn_id)).toEqual([mine.client_txn_id])
    expect(report.left).toBe(1)
    await syncQueue(server.api, queue, { ...till, staff_id: "stf_maya", manager: true })
    expect(await queue.list("str_1", "preg_1")).toEqual([])
  })

  it("lands each sale once when two tabs send the same queue", async () => {
    const sales = [sale(), sale(), sale()]
    for (const s of sales) await queue.add(s)
    const server = fakeServer()
    const [one, two] = await Promise.all([syncQueue(server.api, queue, till), syncQueue(server.api, queue, till)])
    expect(server.applied.size).toBe(3)
    const statuses = [...one.results, ...two.results].map((r) => r.status)
    expect(statuses.filter((s) => s === "applied")).toHaveLength(3)
    expect(await queue.list("str_1", "preg_1")).toEqual([])
  })

  it("sends what the sync route takes: variant ids, quantities, prices and cash", () => {
    const s = sale()
    expect(syncPayload(s)).toEqual({
      client_txn_id: s.client_txn_id,
      recorded_at: s.recorded_at,
      staff_id: "stf_luis",
      lines: [{ variant_id: "variant_1", quantity: 1, unit_price: 28 }],
      tenders: [{ type: "cash", amount: 30.87, tendered: 40 }],
    })
  })
})
