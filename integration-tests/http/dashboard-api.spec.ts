import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { adminHeaders } from "../helpers/admin"
import { attempt } from "../helpers/store-network"
import { signInManagers } from "../helpers/store-staff"

jest.setTimeout(180000)

type Headers = { headers: Record<string, string> }

/**
 * The admin routes the dashboard's pages need beyond the store network's: a
 * store's day (shifts and cash, the queue, discrepancies, offline sales kept
 * for a person, with an action to resolve each), the audit log as CSV, and a
 * simulation of the rules in force without sending them.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoSummary
    let admin: Headers
    const as: Record<string, Headers> = {}
    let state: string

    beforeAll(async () => {
      demo = await seedDemo(getContainer())
      admin = await adminHeaders(getContainer(), api)
      Object.assign(as, await signInManagers(api, demo, ["state"]))
      state = demo.store_ids.state
    })

    it("answers a store's day: open shifts with the cash expected now, closed ones with their variance, and offline sales kept for a person until resolved", async () => {
      const { data: store } = await api.get(`/terminal/stores/${state}`, as.state)
      const [first, second] = store.store.registers
      const { data: me } = await api.get("/terminal/me", as.state)
      const open = (register: string, float: number) =>
        api.post(`/terminal/stores/${state}/shifts`, { register_id: register, opening_float: float }, as.state)
      const closing = (await open(second.id, 50)).data.shift
      await api.post(`/terminal/shifts/${closing.id}/cash-movements`, { amount: 20.1, reason: "change from the bank" }, as.state)
      await api.post(`/terminal/shifts/${closing.id}/close`, { counted_cash: 68.2 }, as.state)
      const kept = (await open(second.id, 10)).data.shift
      await api.post(`/terminal/shifts/${kept.id}/cash-movements`, { amount: -3.35, reason: "stamps" }, as.state)

      // An offline sale of an item the server does not know is kept as needing attention.
      const { data: sync } = await api.post(
        `/terminal/stores/${state}/sync`,
        {
          register_id: second.id,
          sales: [
            {
              client_txn_id: "dash-offline-1",
              recorded_at: new Date().toISOString(),
              staff_id: me.staff.id,
              lines: [{ code: "NOT-A-SKU-42", quantity: 1, unit_price: 12 }],
              tenders: [{ type: "cash", amount: 12 }],
            },
          ],
        },
        as.state
      )
      expect(sync.results[0].status).toBe("needs_attention")

      const { data } = await api.get(`/admin/pos/stores/${state}/today`, admin)
      const today = data.today
      expect(today.store).toMatchObject({ id: state, code: expect.any(String) })
      expect(new Date(today.day.from).getTime()).toBeLessThanOrEqual(Date.now())
      expect(Date.now() - new Date(today.day.from).getTime()).toBeLessThan(24 * 3600 * 1000)
      expect(today.shifts.open).toEqual([
        expect.objectContaining({ id: kept.id, register: { id: second.id, name: second.name }, expected_cash: 6.65, opened_by: expect.objectContaining({ id: me.staff.id }) }),
      ])
      expect(today.shifts.closed).toEqual([
        expect.objectContaining({ id: closing.id, expected_cash: 70.1, counted_cash: 68.2, variance: -1.9 }),
      ])
      // the sections themselves are counted in src/lib/__tests__/store-today.unit.spec.ts
      expect(today.queue).toEqual({ to_pick: 0, to_ship: 0, transfers_due: 0, to_make_ready: 0, pickups_waiting: 0, arrivals: 0, overdue_holds: 0 })
      expect(today.day.timezone).toBe(today.store.timezone)
      expect(today.offline_sales).toEqual([
        expect.objectContaining({ client_txn_id: "dash-offline-1", status: "needs_attention", reason: expect.stringContaining("NOT-A-SKU-42"), register_id: second.id }),
      ])
      expect(first).toBeDefined()
      const offlineId = today.offline_sales[0].id

      // Keeping it left an audit row; resolving it takes a note, leaves the list and is audited.
      const { data: kepts } = await api.get(`/admin/pos/audit-log?action=offline_sale.needs_attention&store_id=${state}`, admin)
      expect(kepts.audit_log).toEqual([expect.objectContaining({ resource_id: offlineId, actor_id: me.staff.id })])
      const noNote = await attempt(api.post(`/admin/pos/offline-sales/${offlineId}/resolve`, { note: "  " }, admin))
      expect(noNote.status).toBe(400)
      const { data: resolved } = await api.post(`/admin/pos/offline-sales/${offlineId}/resolve`, { note: "Rang it up again as SKU NW-TEE-BLK-M" }, admin)
      expect(resolved.offline_sale).toMatchObject({ id: offlineId, resolution_note: "Rang it up again as SKU NW-TEE-BLK-M", resolved_at: expect.any(String) })
      expect(resolved.offline_sale.payload).toBeUndefined()
      const again = await attempt(api.post(`/admin/pos/offline-sales/${offlineId}/resolve`, { note: "twice" }, admin))
      expect(again.status).toBe(400)
      expect(again.data.message).toContain("already resolved")
      expect((await attempt(api.post(`/admin/pos/offline-sales/offs_nope/resolve`, { note: "x" }, admin))).status).toBe(404)
      expect((await api.get(`/admin/pos/stores/${state}/today`, admin)).data.today.offline_sales).toEqual([])
      const { data: audit } = await api.get(`/admin/pos/audit-log?action=offline_sale.resolved`, admin)
      expect(audit.audit_log[0]).toMatchObject({ resource_id: offlineId, store_id: state, actor_type: "user" })
      expect((await attempt(api.get(`/admin/pos/stores/str_nope/today`, admin))).status).toBe(404)
    })

    it("exports the audit log as CSV with the list's filters, safe for spreadsheets", async () => {
      await api.post(`/admin/pos/stores/${state}/disable`, {}, admin)
      await api.post(`/admin/pos/stores/${state}/enable`, {}, admin)
      const response = await api.get(`/admin/pos/audit-log/export?store_id=${state}&action[]=store.disabled&action[]=store.enabled`, admin)
      expect(response.headers["content-type"]).toContain("text/csv")
      expect(response.headers["content-disposition"]).toMatch(/attachment; filename="pos-audit-log-\d{4}-\d{2}-\d{2}\.csv"/)
      const lines = (response.data as string).trim().split("\r\n")
      expect(lines[0]).toBe("created_at,action,actor_type,actor_id,store_id,resource_type,resource_id,approved_by,request_id,data")
      expect(lines.slice(1).map((line) => line.split(",")[1])).toEqual(["store.enabled", "store.disabled"])
      const bad = await attempt(api.get(`/admin/pos/audit-log/export?from=yesterday`, admin))
      expect(bad.status).toBe(400)
      expect(bad.data.message).toContain("from is a date")
    })

    it("changes the online channels a store serves: its stock location is linked to exactly those, never unlinked from its own POS channel", async () => {
      const { data: created } = await api.post("/admin/sales-channels", { name: "Marketplace" }, admin)
      const marketplace = created.sales_channel.id
      const channelsOf = async () => {
        const { data } = await api.get(`/admin/pos/stores/${state}`, admin)
        return (data.store.stock_location.sales_channels as { id: string }[]).map((c) => c.id).sort()
      }
      const pos = (await api.get(`/admin/pos/stores/${state}`, admin)).data.store.sales_channel.id
      expect(await channelsOf()).toEqual([pos, demo.sales_channel_id].sort())

      await api.post(`/admin/pos/stores/${state}`, { online_sales_channel_ids: [demo.sales_channel_id, marketplace] }, admin)
      expect(await channelsOf()).toEqual([pos, demo.sales_channel_id, marketplace].sort())
      await api.post(`/admin/pos/stores/${state}`, { online_sales_channel_ids: [marketplace] }, admin)
      expect(await channelsOf()).toEqual([pos, marketplace].sort())

      const unknown = await attempt(api.post(`/admin/pos/stores/${state}`, { name: "Renamed", online_sales_channel_ids: ["sc_nope"] }, admin))
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toContain("sc_nope")
      expect((await api.get(`/admin/pos/stores/${state}`, admin)).data.store.name).not.toBe("Renamed")
      // another store's POS channel is not an online channel: its tills would count this store's stock
      const wickerPos = (await api.get(`/admin/pos/stores/${demo.store_ids.wicker}`, admin)).data.store.sales_channel.id
      const foreign = await attempt(api.post(`/admin/pos/stores/${state}`, { online_sales_channel_ids: [demo.sales_channel_id, wickerPos] }, admin))
      expect(foreign.status).toBe(400)
      expect(foreign.data.message).toContain(`${wickerPos} is the POS channel of Northwind Wicker Park`)
      await api.post(`/admin/pos/stores/${state}`, { online_sales_channel_ids: [demo.sales_channel_id] }, admin)
      expect(await channelsOf()).toEqual([pos, demo.sales_channel_id].sort())
    })

    it("simulates the rules in force when no draft is sent", async () => {
      const { data: rules } = await api.get("/admin/pos/routing/rules", admin)
      const { data } = await api.post("/admin/pos/routing/simulate", { last: 10 }, admin)
      expect(data.simulation).toMatchObject({ rule_set_version: rules.rule_set.version, orders: expect.any(Number), changed: [] })
    })

    it("refuses the new routes without a token and to store staff", async () => {
      const routes: [string, string, unknown?][] = [
        ["get", `/admin/pos/stores/${state}/today`],
        ["post", `/admin/pos/offline-sales/offs_x/resolve`, { note: "x" }],
        ["get", `/admin/pos/audit-log/export`],
        ["post", `/admin/pos/routing/simulate`, {}],
      ]
      for (const [method, path, body] of routes) {
        for (const headers of [{ headers: {} }, as.state]) {
          const call = method === "get" ? api.get(path, headers) : api.post(path, body, headers)
          expect({ path, status: (await attempt(call)).status }).toEqual({ path, status: 401 })
        }
      }
    })
  },
})
