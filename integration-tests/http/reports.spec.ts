import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { snapshotInventoryWorkflow } from "../../src/workflows/reports/snapshot-inventory"
import { adminHeaders } from "../helpers/admin"
import { attempt } from "../helpers/store-network"
import { pickupCodeSentFor, signInManagers, storeQueue } from "../helpers/store-staff"
import { webshop } from "../helpers/webshop"

jest.setTimeout(300000)

type Headers = { headers: Record<string, string> }

const TEE = "NW-TEE-BLA-M" // $28, cost set to $10
const BEANIE = "NW-BNE-BLA-OS" // $29, cost $12
const CAP = "NW-CAP-NAV-OS" // $32, no cost
const POCKET = "NW-PKT-NAV-S" // $32, no cost, only at Wicker Park: sold at State Street from Wicker Park's stock
const SHIP_TO = { first_name: "Dana", last_name: "Reyes", address_1: "1200 W Fulton Market", city: "Chicago", province: "IL", postal_code: "60607", country_code: "US" }

/**
 * One fixture built through the real flows (till sales, a void, a promotion,
 * webshop orders shipped and collected at a store, a return, a count, a
 * shift), then every metric of the scorecard worked out by hand below and
 * compared with what GET /admin/pos/reports answers.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoSummary
    let admin: Headers
    const as: Record<string, Headers> = {}
    const shop = webshop(api, getContainer, () => demo)
    const { waitForTasks } = storeQueue(api, () => demo, as)

    beforeAll(async () => {
      demo = await seedDemo(getContainer())
      admin = await adminHeaders(getContainer(), api)
      Object.assign(as, await signInManagers(api, demo, ["state"]))
    })

    it("answers every metric of a fixture as worked out by hand, as JSON and CSV; an empty range answers zeros", async () => {
      const state = demo.store_ids.state
      await shop.setStock(TEE, { state: 20 })
      await shop.setStock(BEANIE, { state: 10 })
      await shop.setStock(CAP, { state: 2, dc: 5 })
      await shop.setStock(POCKET, { wicker: 3 })
      // the demo seeds a cost for every variant: this fixture keeps two (the tee at 10, the beanie at 12) and removes the rest
      const { data: seeded } = await api.get("/admin/pos/variant-costs?limit=1000", admin)
      expect(seeded.count).toBeLessThanOrEqual(1000)
      expect(seeded.variant_costs.find((v: any) => v.sku === TEE).amount).toBe(11.76)
      const others = seeded.variant_costs.filter((v: any) => v.amount !== null && v.sku !== TEE && v.sku !== BEANIE)
      const costs = await api.post(
        "/admin/pos/variant-costs",
        { currency_code: "usd", costs: [{ sku: TEE, amount: 10 }, { sku: BEANIE, amount: 12 }, ...others.map((v: any) => ({ variant_id: v.variant_id, amount: null }))] },
        admin
      )
      expect(costs.data).toMatchObject({ set: 2, removed: others.length })
      // last night's stock at cost, as the nightly job writes it: State Street's 20 tees at 10 and 10 beanies at 12
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
      const { result: snapshot } = await snapshotInventoryWorkflow(getContainer()).run({ input: { day: yesterday } })
      expect(snapshot).toEqual({ day: yesterday, rows: 2, already: false })
      expect((await snapshotInventoryWorkflow(getContainer()).run({ input: { day: yesterday } })).result).toMatchObject({ rows: 0, already: true })
      const { createPromotionsWorkflow } = await import("@medusajs/medusa/core-flows")
      await createPromotionsWorkflow(getContainer()).run({
        input: {
          promotionsData: [
            { code: "SCORE10", type: "standard", status: "active", is_automatic: false, application_method: { type: "percentage", target_type: "order", value: 10, currency_code: "usd" } } as any,
          ],
        },
      })

      // two webshop orders served by State Street: its two caps to ship, one found damaged (a short pick: the other is
      // routed to the warehouse), and a tee collected. The cap sold at the till later is then one in hand (State Street counts none).
      const shipped = await shop.placeOnlineOrder(CAP, 2, shop.near("state"), { email: "omni@example.com" })
      const [shipTask] = await waitForTasks("state", shipped)
      expect(shipTask).toMatchObject({ kind: "ship", units: 2 })
      const { data: picked } = await api.post(
        `/terminal/tasks/${shipTask.id}/pick`,
        { lines: [{ line_item_id: shipTask.lines[0].line_item_id, picked: 1 }], reason: "damaged" },
        as.state
      )
      expect(picked.reroute).toMatchObject({ status: "routed", allocations: [expect.objectContaining({ node_id: demo.stock_location_ids.dc })] })
      await api.post(`/terminal/tasks/${shipTask.id}/ship`, { tracking_number: "1Z999AA10123456784" }, as.state)
      const collected = await shop.placeOnlineOrder(TEE, 1, shop.near("state"), { pickup: "state", email: "online-only@example.com" })
      const [pickupTask] = await waitForTasks("state", collected)
      await api.post(`/terminal/tasks/${pickupTask.id}/pick`, {}, as.state)
      await api.post(`/terminal/tasks/${pickupTask.id}/ready`, {}, as.state)
      await api.post(`/terminal/tasks/${pickupTask.id}/collect`, { pickup_code: await pickupCodeSentFor(getContainer(), collected) }, as.state)
      const query = getContainer().resolve("query")
      const { data: onlineOrders } = await query.graph({ entity: "order", fields: ["id", "customer_id", "total"], filters: { id: [shipped, collected] } })
      const omniCustomer = (onlineOrders as any[]).find((o) => o.id === shipped).customer_id

      // till sales at State Street, on the till with the simulated card reader: two tees and a beanie for the webshop's
      // customer (cash), a cap with SCORE10 (card), a tee taken and a pocket tee shipped from Wicker Park (cash), a voided sale
      const { data: storeData } = await api.get(`/terminal/stores/${state}`, as.state)
      const till = storeData.store.registers.find((r: any) => r.stripe_reader_id === "simulated")
      const { data: opened } = await api.post(`/terminal/stores/${state}/shifts`, { register_id: till.id, opening_float: 200 }, as.state)
      const shiftId = opened.shift.id
      type Line = { code: string; quantity?: number; fulfillment?: string; shipping_address?: unknown }
      const sell = async (lines: Line[], tender: "cash" | "card", extra: (saleId: string) => Promise<unknown> = async () => {}) => {
        const { data } = await api.post(`/terminal/stores/${state}/sales`, { shift_id: shiftId }, as.state)
        for (const line of lines) {
          await api.post(`/terminal/sales/${data.sale.id}/lines`, line, as.state)
        }
        await extra(data.sale.id)
        const { data: current } = await api.get(`/terminal/sales/${data.sale.id}`, as.state)
        const { data: taken } = await api.post(`/terminal/sales/${data.sale.id}/tenders`, { type: tender, amount: current.sale.due, idempotency_key: `${data.sale.id}-${tender}` }, as.state)
        if (tender === "card") {
          await api.post(`/terminal/sales/${data.sale.id}/tenders/${taken.tender.id}/simulate`, { outcome: "approved" }, as.state)
        }
        const { data: done } = await api.post(`/terminal/sales/${data.sale.id}/complete`, {}, as.state)
        return { orderId: done.order.id as string, paid: Number(current.sale.due) }
      }
      const s1 = await sell([{ code: TEE, quantity: 2 }, { code: BEANIE }], "cash", (id) => api.post(`/terminal/sales/${id}/customer`, { customer_id: omniCustomer }, as.state))
      const s2 = await sell([{ code: CAP }], "card", (id) => api.post(`/terminal/sales/${id}/promotions`, { code: "SCORE10" }, as.state))
      const s4 = await sell([{ code: TEE }, { code: POCKET, fulfillment: "ship", shipping_address: SHIP_TO }], "cash")
      const { data: voided } = await api.post(`/terminal/stores/${state}/sales`, { shift_id: shiftId }, as.state)
      await api.post(`/terminal/sales/${voided.sale.id}/lines`, { code: TEE }, as.state)
      await api.post(`/terminal/sales/${voided.sale.id}/void`, {}, as.state)

      // one tee of the first sale comes back, resellable, cash refunded
      const { data: eligibility } = await api.post(`/terminal/orders/${s1.orderId}/return-eligibility`, {}, as.state)
      const teeLine = eligibility.lines.find((l: any) => l.sku === TEE)
      const { status: returnStatus, data: returned } = await attempt(
        api.post(
          `/terminal/stores/${state}/returns`,
          { order_id: s1.orderId, lines: [{ line_item_id: teeLine.line_item_id, quantity: 1, disposition: "resellable" }], shift_id: shiftId, idempotency_key: `scorecard-return-${Date.now()}` },
          as.state
        )
      )
      expect([returnStatus, returned.message]).toEqual([200, undefined])
      expect(returned.return.status).toBe("refunded")
      // and the collected webshop tee comes back at the same shop (bought online, returned in store), to be refurbished:
      // Medusa counts it dismissed, not received, and it leaves the shop's sellable stock
      const { data: onlineEligibility } = await api.post(`/terminal/orders/${collected}/return-eligibility`, {}, as.state)
      const { status: onlineReturnStatus, data: onlineReturn } = await attempt(
        api.post(
          `/terminal/stores/${state}/returns`,
          { order_id: collected, lines: [{ line_item_id: onlineEligibility.lines[0].line_item_id, quantity: 1, disposition: "refurbish" }], shift_id: shiftId, idempotency_key: `scorecard-boris-${Date.now()}` },
          as.state
        )
      )
      expect([onlineReturnStatus, onlineReturn.message]).toEqual([200, undefined])

      // a count: the beanies as expected (9), one tee missing (16 of 17: 20, less 1 collected, 2 + 1 sold, plus 1 returned to the shelf)
      const { data: count } = await api.post(`/terminal/stores/${state}/counts`, { label: "Front table", scope: { kind: "skus", codes: [BEANIE, TEE] } }, as.state)
      const { data: applied } = await api.post(`/terminal/counts/${count.count.id}/submit`, { lines: [{ code: BEANIE, counted: 9 }, { code: TEE, counted: 16 }] }, as.state)
      expect(applied.count.lines.map((l: any) => [l.sku, l.expected, l.counted]).sort()).toEqual([[BEANIE, 9, 9], [TEE, 17, 16]])

      // the shift closes with the cash expected, and is then set to four hours for the productivity figure
      const expectedCash = 200 + s1.paid + s4.paid - Number(returned.return.amount)
      await api.post(`/terminal/shifts/${shiftId}/close`, { counted_cash: Math.round(expectedCash * 100) / 100 }, as.state)
      const pos = getContainer().resolve<any>("pos")
      const closedAt = new Date()
      await pos.updatePosShifts({ id: shiftId, opened_at: new Date(closedAt.getTime() - 4 * 3_600_000), closed_at: closedAt })

      // worked out by hand. Online: 2 caps (64) and a tee (28). At the till: 2 tees and a beanie (85), a cap less 10%
      // (28.80), a tee (28) and a pocket tee from Wicker Park's stock (32): 5 orders, 9 units, 269 less 3.20 = 265.80
      const { data } = await api.get(`/admin/pos/reports`, admin)
      const r = data.report
      expect(r).toMatchObject({ currency_code: "usd", timezone: "UTC", store_id: null, group_by: "day" })
      // the demo's targets, from the plugin options in medusa-config.ts
      expect(r.targets).toMatchObject({ inventory_accuracy: 0.97, promise_accuracy: 0.95 })
      const m = r.metrics
      expect(m.sales).toMatchObject({
        orders: 5,
        units: 9,
        gross_sales: 269,
        discounts: 3.2,
        net_sales: 265.8,
        average_order_value: 53.16,
        returned_units: 2,
        returned_value: 56,
        net_after_returns: 209.8,
        by_channel: { store: { orders: 3, net_sales: 173.8 }, online: { orders: 2, net_sales: 92 } },
      })
      expect(m.sales.series).toEqual([expect.objectContaining({ orders: 5, units: 9, net_sales: 265.8, store_net_sales: 173.8, online_net_sales: 92 })])

      // cash and card are what the tills took; the webshop paid with Medusa's system provider ("other")
      const onlinePaid = (onlineOrders as any[]).reduce((sum, o) => sum + Number(o.total), 0)
      const cash = Math.round((s1.paid + s4.paid) * 100) / 100
      const tender = Object.fromEntries(m.tender_mix.tenders.map((t: any) => [t.tender, t]))
      expect(tender.cash.amount).toBeCloseTo(cash, 2)
      expect(tender.card_present.amount).toBeCloseTo(s2.paid, 2)
      expect(tender.other.amount).toBeCloseTo(onlinePaid, 2)
      expect(tender.card_online.amount).toBe(0)
      expect(tender.cash.share).toBeCloseTo(cash / (cash + s2.paid + onlinePaid), 3)

      expect(m.bopis).toMatchObject({ online_orders: 2, pickup_orders: 1, adoption: 0.5, collected: 1, expired: 0, waiting: 0 })
      expect(m.bopis.collection_hours.median).toBeGreaterThanOrEqual(0)
      expect(m.bopis.collection_hours.median).toBeLessThan(1)

      // State Street shipped and made ready at once; Wicker Park has the pocket tee to ship, not due yet
      expect(m.fulfilment.nodes.map((n: any) => [n.node_id, n.kind, n.tasks, n.done])).toEqual([
        [state, "pickup", 1, 1],
        [state, "ship", 1, 1],
        [demo.store_ids.wicker, "ship", 1, 0],
      ])
      expect(m.fulfilment.nodes[0]).toMatchObject({ node_name: "Northwind State Street" })
      expect(m.fulfilment.nodes[2]).toMatchObject({ median_hours: null })
      expect(m.promise).toMatchObject({ measured: 2, kept: 2, accuracy: 1, pickup: { measured: 1, kept: 1, sla_hours: 4 }, ship: { measured: 1, kept: 1, sla_hours: 48 } })

      // two of nine units back; one of them an online order's, returned in a store: the only online return, so BORIS is 100%
      expect(m.returns).toMatchObject({
        sold_units: 9,
        returned_units: 2,
        return_rate: 0.2222,
        dispositions: { resellable: 1, refurbish: 1 },
        in_store_returns: 2,
        online_orders_returned_in_store: 1,
        online_order_returns: 1,
        boris_share: 1,
        units_awaiting_refurbishment: 1,
      })
      expect(m.returns.turn_time_hours.median).toBeLessThan(0.1)

      expect(m.inventory_accuracy).toMatchObject({ counted_lines: 2, accurate_lines: 1, accuracy: 0.5, tolerance_units: 0, discrepancies: { items_in_hand: 1, short_picks: 1 } })
      // two pick lines (the caps and the pickup tee), one short
      expect(m.pick_accuracy).toEqual({ pick_lines: 2, short_lines: 1, accuracy: 0.5 })

      expect(m.exceptions.stores).toEqual([expect.objectContaining({ store_id: state, sales: 3, voids: 1, void_rate: 0.25, approvals: 0, offline_exceptions: 0, exception_rate: 0 })])
      expect(m.exceptions.staff).toHaveLength(1)
      expect(m.exceptions.staff[0]).toMatchObject({ store_id: state, sales: 3, voids: 1 })

      expect(m.staff_productivity.stores).toEqual([expect.objectContaining({ store_id: state, shift_hours: 4, orders: 3, net_sales: 173.8, sales_per_shift_hour: 43.45 })])

      // 32 of State Street's 173.80 came from Wicker Park's stock
      expect(m.endless_aisle).toEqual({ orders: 1, units: 1, net_sales: 32, share_of_store_sales: 0.1841 })

      // the webshop customer also bought at the till: 149 over 2 orders; the other customer 28 over 1 (two till sales had none)
      expect(m.omnichannel_customers).toEqual({
        omnichannel: { customers: 1, orders: 2, net_sales: 149, average_order_value: 74.5, orders_per_customer: 2 },
        single_channel: { customers: 1, orders: 1, net_sales: 28, average_order_value: 28, orders_per_customer: 1 },
        aov_uplift: 1.6607,
      })

      expect(m.promotions).toEqual([expect.objectContaining({ code: "SCORE10", orders: 1, discount: 3.2, net_sales: 28.8 })])
      const pairs = m.basket.map((p: any) => [p.products.map((x: any) => x.title).sort().join(" + "), p.orders]).sort()
      expect(pairs).toEqual([
        ["Organic Crew Tee + Pocket Tee", 1],
        ["Organic Crew Tee + Wool Beanie", 1],
      ])

      // GMROI. Costed sales at State Street: tees 28 + 56 + 28 and the beanie 29 = 141, at a cost of 40 + 12 = 52: margin 89.
      // Average stock at cost over two days: last night's 320 and today's live 16 tees × 10 + 9 beanies × 12 = 268 → 294 at
      // State Street; the network also holds the tee being refurbished (10, at a location that is no shop's): (320 + 278) / 2 = 299.
      const inventory = getContainer().resolve(Modules.INVENTORY)
      const stockedAt = async (sku: string) => {
        const { inventory_item_id } = await shop.inventoryItemOf(sku)
        const [level] = await inventory.listInventoryLevels({ inventory_item_id, location_id: demo.stock_location_ids.state })
        return Number(level.stocked_quantity)
      }
      expect([await stockedAt(TEE), await stockedAt(BEANIE)]).toEqual([16, 9])
      expect(m.gmroi.inventory_days).toBe(2)
      const stateGmroi = m.gmroi.stores.find((x: any) => x.id === state)
      expect(stateGmroi).toMatchObject({ gross_margin: 89, cost_of_goods: 52, costed_net_sales: 141, units: 9, uncosted_units: 4, average_inventory_cost: 294, gmroi: 0.3027 })
      expect(m.gmroi.network).toMatchObject({ gross_margin: 89, cost_of_goods: 52, average_inventory_cost: 299, gmroi: 0.2977 })
      // by category (the network's stock): tees 112 − 40 = 72 over (200 + 160 + 10) / 2 = 185; accessories 29 − 12 = 17 over (120 + 108) / 2 = 114
      const byCategory = Object.fromEntries(m.gmroi.categories.map((c: any) => [c.name, [c.gross_margin, c.average_inventory_cost, c.gmroi, c.uncosted_units]]))
      expect(byCategory).toMatchObject({ Tees: [72, 185, 0.3892, 1], Accessories: [17, 114, 0.1491, 3] })

      // one store and one channel narrow the same numbers; by store groups the series
      const { data: storeOnly } = await api.get(`/admin/pos/reports?store_id=${state}&channel=store&metrics=sales,exceptions&group_by=store`, admin)
      expect(storeOnly.report.timezone).toBe("America/Chicago")
      expect(Object.keys(storeOnly.report.metrics)).toEqual(["sales", "exceptions"])
      expect(storeOnly.report.metrics.sales).toMatchObject({ orders: 3, net_sales: 173.8, series: [expect.objectContaining({ bucket: state, net_sales: 173.8 })] })
      // Wicker Park sold nothing, but ships State Street's endless-aisle pocket tee: its work is its own
      const { data: wicker } = await api.get(`/admin/pos/reports?store_id=${demo.store_ids.wicker}&metrics=sales,fulfilment,returns`, admin)
      expect(wicker.report.metrics.sales).toMatchObject({ orders: 0, net_sales: 0, average_order_value: null })
      expect(wicker.report.metrics.fulfilment.nodes.map((n: any) => [n.node_id, n.kind, n.tasks, n.done])).toEqual([[demo.store_ids.wicker, "ship", 1, 0]])
      expect(wicker.report.metrics.returns).toMatchObject({ in_store_returns: 0, boris_share: null })
      const { data: stateFulfilment } = await api.get(`/admin/pos/reports?store_id=${state}&metrics=fulfilment,returns`, admin)
      expect(stateFulfilment.report.metrics.fulfilment.nodes.map((n: any) => [n.node_id, n.kind])).toEqual([[state, "pickup"], [state, "ship"]])
      expect(stateFulfilment.report.metrics.returns).toMatchObject({ in_store_returns: 2, online_orders_returned_in_store: 1, boris_share: null })

      // the CSV holds the same numbers, one per row
      const csv = await api.get(`/admin/pos/reports/export`, admin)
      expect(csv.headers["content-type"]).toContain("text/csv")
      expect(csv.data).toContain("metric,path,value\r\n")
      expect(csv.data).toContain("sales,net_sales,265.8\r\n")
      expect(csv.data).toContain("sales,by_channel.store.net_sales,173.8\r\n")
      expect(csv.data).toMatch(/promotions,\[[^\]]+\]\.discount,3\.2\r\n/)
      // no two rows share a path (a store's pickup and ship work, a staff member at a store)
      const paths = csv.data.trim().split("\r\n").map((row: string) => row.split(",").slice(0, 2).join(","))
      expect(new Set(paths).size).toBe(paths.length)

      // an empty range answers zeros, not errors
      const { data: empty } = await api.get(`/admin/pos/reports?from=2020-01-01&to=2020-01-31`, admin)
      expect(empty.report.metrics.sales).toMatchObject({ orders: 0, units: 0, net_sales: 0, average_order_value: null, series: [] })
      expect(empty.report.metrics.bopis).toMatchObject({ online_orders: 0, adoption: null })
      expect(empty.report.metrics.inventory_accuracy).toMatchObject({ counted_lines: 0, accuracy: null })
      expect(empty.report.metrics.tender_mix.tenders.every((t: any) => t.amount === 0 && t.share === null)).toBe(true)
      expect(empty.report.metrics.promotions).toEqual([])
      expect(empty.report.metrics.gmroi).toMatchObject({ inventory_days: 0, network: { gross_margin: 0, average_inventory_cost: null, gmroi: null } })
    })

    it("refuses bad parameters with a message, and anyone who is not an admin user", async () => {
      const bad: [string, string][] = [
        ["metrics=sales,nope", "metrics are some of"],
        ["from=2026-02-30", "from is a day such as"],
        ["from=2026-12-04&to=2026-12-01", "is after to"],
        ["from=2024-01-01&to=2026-01-01", "at most 366 days"],
        ["timezone=Mars/Olympus", "timezone is a time zone"],
        ["group_by=month", "group_by is day, week or store"],
        ["currency_code=dollars", "currency_code is a three-letter"],
        ["currency_code=xyz", "currency_code xyz is not a currency Medusa knows"],
        ["channel=phone", "channel is store or online"],
        ["colour=red", "colour"],
      ]
      for (const [params, says] of bad) {
        const refused = await attempt(api.get(`/admin/pos/reports?${params}`, admin))
        expect([params, refused.status]).toEqual([params, 400])
        expect(refused.data.message).toContain(says)
      }
      expect((await attempt(api.get(`/admin/pos/reports?store_id=str_nope`, admin))).status).toBe(404)
      expect((await attempt(api.get(`/admin/pos/reports`))).status).toBe(401)
      expect((await attempt(api.get(`/admin/pos/reports/export`))).status).toBe(401)
      expect((await attempt(api.get(`/admin/pos/reports`, as.state))).status).toBe(401)
      expect((await attempt(api.post(`/admin/pos/variant-costs`, { currency_code: "usd", costs: [{ sku: TEE, amount: 1 }] }, as.state))).status).toBe(401)

      const costRefusals: [unknown, string][] = [
        [{ currency_code: "usd", costs: [{ sku: "NOPE-1", amount: 1 }] }, "No variant has this SKU or id: NOPE-1"],
        [{ currency_code: "usd", costs: [{ sku: TEE, amount: -1 }] }, "amount is a number from 0"],
        [{ currency_code: "usd", costs: [{ amount: 1 }] }, "names a variant_id or a sku"],
        [{ currency_code: "usd", costs: [] }, "at least one cost"],
        [{ currency_code: "usd", costs: [{ sku: TEE, amount: 1 }, { sku: TEE, amount: 2 }] }, "Each variant appears once"],
      ]
      for (const [body, says] of costRefusals) {
        const refused = await attempt(api.post(`/admin/pos/variant-costs`, body, admin))
        expect(refused.status).toBe(400)
        expect(refused.data.message).toContain(says)
      }
    })

    it("keeps unit costs per variant and currency: set, listed, removed, each change audited", async () => {
      const { data: set } = await api.post("/admin/pos/variant-costs", { currency_code: "usd", costs: [{ sku: TEE, amount: 9.5 }] }, admin)
      expect(set).toEqual({ currency_code: "usd", set: 1, removed: 0 })
      const { data: listed } = await api.get(`/admin/pos/variant-costs?q=${TEE}`, admin)
      expect(listed).toMatchObject({ currency_code: "usd", count: 1, variant_costs: [expect.objectContaining({ sku: TEE, amount: 9.5, product_title: "Organic Crew Tee" })] })
      expect((await api.get(`/admin/pos/variant-costs?missing=true&q=${TEE}`, admin)).data.count).toBe(0)
      const { data: removed } = await api.post("/admin/pos/variant-costs", { currency_code: "usd", costs: [{ sku: TEE, amount: null }] }, admin)
      expect(removed).toMatchObject({ set: 0, removed: 1 })
      const { data: missing } = await api.get(`/admin/pos/variant-costs?missing=true&q=${TEE}`, admin)
      expect(missing).toMatchObject({ count: 1, variant_costs: [expect.objectContaining({ sku: TEE, amount: null })] })
      const { data: costed } = await api.get(`/admin/pos/variant-costs?missing=false&limit=5`, admin)
      expect(costed.variant_costs.every((v: any) => v.amount !== null)).toBe(true)
      const audit = await getContainer().resolve<any>("pos").listPosAuditLogs({ action: "variant_cost.updated" })
      expect(audit.length).toBeGreaterThanOrEqual(2)
    })
  },
})
