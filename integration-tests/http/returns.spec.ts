import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createOrderFulfillmentWorkflow, markOrderFulfillmentAsDeliveredWorkflow } from "@medusajs/medusa/core-flows"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { receiveReturnAtStoreWorkflow } from "../../src/workflows/returns/receive-return-at-store"
import { receiveStoreReturnWorkflow } from "../../src/workflows/returns/receive-store-return"
import { useFakeStripe } from "../helpers/fake-stripe"
import { placeOnlineStripeOrder } from "../helpers/online-order"
import { attempt } from "../helpers/store-network"

jest.setTimeout(240000)

// The real `stripe` client, pointed at a local fake Stripe: nothing reaches Stripe.
const { fake, port: FAKE_PORT } = useFakeStripe(49000)

type Headers = { headers: Record<string, string> }
const READER = "tmr_fake_returns_state"
const TEE = "NW-TEE-BLA-M" // 28 + Chicago's 10.25% = 30.87

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoSummary
    const as: Record<string, Headers> = {}
    const shifts: Record<string, string> = {}
    let keys = 0
    const key = (label: string) => `${label}-${Date.now()}-${++keys}`

    async function signIn(storeName: string, role: "manager" | "associate") {
      const member = demo.staff.find((s) => s.store === storeName && s.role === role)!
      const { data } = await api.post("/auth/staff/emailpass", { email: member.email, password: member.password })
      return { headers: { authorization: `Bearer ${data.token}` } }
    }

    /** Orders whose return a merchant's hook on receiveStoreReturnWorkflow refuses, once Medusa's return stood. */
    const refusedByHook = new Set<string>()
    receiveStoreReturnWorkflow.hooks.returnReceived(async ({ order_id }) => {
      if (refusedByHook.has(order_id)) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "The ERP refused this return")
      }
    })

    beforeAll(async () => {
      demo = await seedDemo(getContainer())
      as.state = await signIn("Northwind State Street", "manager")
      as.evanston = await signIn("Northwind Evanston", "manager")
      as.evanstonAssociate = await signIn("Northwind Evanston", "associate")
      const pos = getContainer().resolve<any>("pos")
      for (const store of ["state", "evanston"]) {
        const { data } = await api.get(`/terminal/stores/${demo.store_ids[store]}`, as[store])
        const register = data.store.registers[0]
        if (store === "state") {
          await pos.updatePosRegisters({ id: register.id, stripe_reader_id: READER })
        }
        const { data: shift } = await api.post(
          `/terminal/stores/${demo.store_ids[store]}/shifts`,
          { register_id: register.id, opening_float: 200 },
          as[store]
        )
        shifts[store] = shift.shift.id
      }
    })

    afterEach(() => {
      getContainer().resolve<any>("pos").settings.returns = {}
    })

    /** A sale at State Street of `count` tees, paid with the given cash and card amounts. */
    async function posSale(count: number, tenders: { cash?: number; card?: number }) {
      const { data } = await api.post(`/terminal/stores/${demo.store_ids.state}/sales`, { shift_id: shifts.state }, as.state)
      const saleId = data.sale.id
      await api.post(`/terminal/sales/${saleId}/lines`, { code: TEE, quantity: count }, as.state)
      if (tenders.cash) {
        await api.post(`/terminal/sales/${saleId}/tenders`, { type: "cash", amount: tenders.cash, idempotency_key: `${saleId}-cash` }, as.state)
      }
      if (tenders.card) {
        const { data: started } = await api.post(
          `/terminal/sales/${saleId}/tenders`,
          { type: "card", amount: tenders.card, idempotency_key: `${saleId}-card` },
          as.state
        )
        fake.approve(READER)
        await api.post(`/terminal/sales/${saleId}/tenders/${started.tender.id}/refresh`, {}, as.state)
      }
      const { data: done } = await api.post(`/terminal/sales/${saleId}/complete`, {}, as.state)
      const { data: order } = await api.get(`/terminal/orders/${done.order.id}/receipt`, as.state)
      return { orderId: done.order.id as string, receiptCode: order.receipt.receipt_code as string, saleId }
    }

    async function locationOf(store: string) {
      const { data } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "pos_store", fields: ["stock_location.id", "refurbish_location_id", "quarantine_location_id"], filters: { id: demo.store_ids[store] } })
      return data[0] as any
    }

    async function stockAt(sku: string, locationId: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "product_variant",
        fields: ["inventory_items.inventory.location_levels.location_id", "inventory_items.inventory.location_levels.stocked_quantity"],
        filters: { sku },
      })
      const level = ((data[0] as any).inventory_items[0].inventory.location_levels as any[]).find((l) => l.location_id === locationId)
      return level ? Number(level.stocked_quantity) : 0
    }

    async function lineOf(orderId: string) {
      const { data } = await api.post(`/terminal/orders/${orderId}/return-eligibility`, {}, as.evanston)
      return data.lines[0]
    }

    async function medusaReturns(orderId: string) {
      const { data } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "return", fields: ["id", "status", "location_id", "items.quantity", "items.received_quantity", "items.damaged_quantity"], filters: { order_id: orderId } })
      return data as any[]
    }

    const takeReturn = (store: string, body: Record<string, unknown>, who: Headers = as[store]) =>
      attempt(api.post(`/terminal/stores/${demo.store_ids[store]}/returns`, body, who))

    it("finds an order of any channel by display id, email or receipt code, showing only what the desk needs", async () => {
      const { orderId, receiptCode } = await posSale(1, { cash: 30.87 })
      const { data: receipt } = await api.get(`/terminal/orders/${orderId}/receipt`, as.state)
      const displayId = receipt.receipt.order.display_id

      for (const q of [String(displayId), `#${displayId}`, receiptCode.toLowerCase()]) {
        const { data } = await api.get(`/terminal/orders?q=${encodeURIComponent(q)}`, as.evanston)
        expect(data.orders.map((o: any) => o.id)).toEqual([orderId])
        expect(data.orders[0]).toMatchObject({ sold_at_store: "Northwind State Street", total: 30.87, items: [expect.objectContaining({ sku: TEE, quantity: 1 })] })
        expect(data.orders[0]).not.toHaveProperty("shipping_address")
      }
      const { data: none } = await api.get(`/terminal/orders?q=NOPE-000`, as.evanston)
      expect(none.orders).toEqual([])
      // wildcards are not a way to list every customer's orders
      const { data: wild } = await api.get(`/terminal/orders?q=${encodeURIComponent("%@%")}`, as.evanston)
      expect(wild.orders).toEqual([])

      const { data: eligibility } = await api.post(`/terminal/orders/${orderId}/return-eligibility`, {}, as.evanston)
      expect(eligibility.lines[0]).toMatchObject({ quantity: 1, returnable_quantity: 1, unit_refund: 30.87, refusals: [] })
      expect(eligibility.policy).toMatchObject({ window_days: 30, dispositions: ["resellable", "refurbish", "quarantine"] })

      expect((await attempt(api.get(`/terminal/orders?q=1`))).status).toBe(401)
      const empty = await attempt(api.get(`/terminal/orders?q=`, as.evanston))
      expect(empty.status).toBe(400)
      const otherStore = await attempt(api.post(`/terminal/orders/${orderId}/return-eligibility`, { store_id: demo.store_ids.wicker }, as.evanston))
      expect(otherStore.status).toBe(403)
    })

    /** A webshop order paid by card through Medusa's Stripe provider, routed, then shipped and delivered from the node routing chose. */
    async function deliveredOnlineOrder(sku: string, quantity: number) {
      const email = `returns-online-${Date.now()}-${++keys}@example.com`
      const { orderId, intent } = await placeOnlineStripeOrder(api, getContainer(), { demo, fake, port: FAKE_PORT, sku, quantity, email })
      const pos = getContainer().resolve<any>("pos")
      for (let i = 0; i < 50 && !(await pos.listPosRoutingDecisions({ order_id: orderId })).length; i++) {
        await new Promise((r) => setTimeout(r, 200))
      }
      const { data: orders } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "order", fields: ["items.*"], filters: { id: orderId } })
      const item = (orders[0] as any).items[0]
      const [reservation] = await getContainer().resolve(Modules.INVENTORY).listReservationItems({ line_item_id: item.id })
      const { result: fulfillment } = await createOrderFulfillmentWorkflow(getContainer()).run({
        input: { order_id: orderId, location_id: reservation.location_id, items: [{ id: item.id, quantity }] },
      })
      await markOrderFulfillmentAsDeliveredWorkflow(getContainer()).run({ input: { orderId, fulfillmentId: fulfillment.id } })
      return { email, orderId, intent, item }
    }

    it("takes back at a shop an online order paid by card: stock lands at that shop, the card gets the refund, Medusa's return is received", async () => {
      const { email, orderId, intent, item } = await deliveredOnlineOrder(TEE, 2)
      const { data: found } = await api.get(`/terminal/orders?q=${encodeURIComponent(email.toUpperCase())}`, as.evanston)
      expect(found.orders.map((o: any) => [o.id, o.channel])).toEqual([[orderId, "Northwind Webshop"]])

      const evanston = (await locationOf("evanston")).stock_location.id
      const before = await stockAt(TEE, evanston)
      const body = {
        order_id: orderId,
        lines: [{ line_item_id: item.id, quantity: 1, disposition: "resellable", reason: "Too small" }],
        idempotency_key: key("online"),
      }
      const { status, data } = await takeReturn("evanston", body)
      expect(status).toBe(200)
      expect(data.return).toMatchObject({ status: "refunded", amount: 30.87, refund_to: "original" })
      expect(data.refunds).toEqual([expect.objectContaining({ kind: "card", provider_id: "pp_stripe_stripe", amount: 30.87, status: "succeeded" })])
      expect(data.stock_movements).toEqual([expect.objectContaining({ location_id: evanston, quantity: 1, disposition: "resellable" })])
      expect([...fake.refunds.values()].filter((r) => r.payment_intent === intent.id).map((r) => r.amount)).toEqual([3087])
      expect(await stockAt(TEE, evanston)).toBe(before + 1)
      const [medusaReturn] = await medusaReturns(orderId)
      expect(medusaReturn).toMatchObject({ status: "received", location_id: evanston })
      expect(Number(medusaReturn.items[0].received_quantity)).toBe(1)

      // the second unit can still come back; the first cannot come back twice
      const eligible = await lineOf(orderId)
      expect(eligible).toMatchObject({ returnable_quantity: 1, refusals: [expect.objectContaining({ rule: "already_returned" })] })
      const again = await takeReturn("evanston", { ...body, idempotency_key: key("online-again"), lines: [{ ...body.lines[0], quantity: 2 }] })
      expect(again.status).toBe(400)
      expect(again.data.message).toContain("2 units asked, 1 may come back (1 unit of")
      expect(again.data.message).toContain("already returned")
      expect(await medusaReturns(orderId)).toHaveLength(1)
    })

    it("takes back an item this shop never stocked, into quarantine", async () => {
      // the largest size is only ever at the warehouse
      const XL = "NW-TEE-BLA-XL"
      const evanston = (await locationOf("evanston")).stock_location.id
      expect(await stockAt(XL, evanston)).toBe(0)
      const { orderId, item } = await deliveredOnlineOrder(XL, 1)
      const { status, data } = await takeReturn("evanston", {
        order_id: orderId,
        lines: [{ line_item_id: item.id, quantity: 1, disposition: "quarantine", reason: "Torn" }],
        idempotency_key: key("never-stocked"),
      })
      expect(status).toBe(200)
      expect(data.return.status).toBe("refunded")
      const quarantine = (await locationOf("evanston")).quarantine_location_id
      expect(await stockAt(XL, quarantine)).toBe(1)
      expect(await stockAt(XL, evanston)).toBe(0)
    })

    it("refunds a split-tender sale partly returned at another shop: card first, then cash from this shop's drawer, never twice", async () => {
      const { orderId } = await posSale(2, { cash: 40, card: 21.74 })
      const line = await lineOf(orderId)
      const body = { order_id: orderId, lines: [{ line_item_id: line.line_item_id, quantity: 1, disposition: "resellable" }], idempotency_key: key("split") }

      // cash goes back: without a drawer nothing is received
      const noDrawer = await takeReturn("evanston", body)
      expect(noDrawer.status).toBe(400)
      expect(noDrawer.data.message).toContain("give shift_id")
      expect(await medusaReturns(orderId)).toHaveLength(0)
      const stateDrawer = await takeReturn("evanston", { ...body, shift_id: shifts.state })
      expect(stateDrawer.status).toBe(400)
      expect(stateDrawer.data.message).toContain("is not an open shift of this store")

      const { status, data } = await takeReturn("evanston", { ...body, shift_id: shifts.evanston })
      expect(status).toBe(200)
      expect(data.refunds.map((p: any) => [p.kind, p.amount, p.status])).toEqual([
        ["card", 21.74, "succeeded"],
        ["cash", 9.13, "succeeded"],
      ])
      const { data: shift } = await api.get(`/terminal/shifts/${shifts.evanston}`, as.evanston)
      expect(shift.shift.cash_movements.map((m: any) => Number(m.amount))).toContain(-9.13)

      const stripeRefunds = () => fake.refunds.size
      const refundsBefore = stripeRefunds()
      const replay = await takeReturn("evanston", { ...body, shift_id: shifts.evanston })
      expect(replay.status).toBe(200)
      expect(replay.data).toMatchObject({ replayed: true, return: { id: data.return.id, status: "refunded" } })
      expect(stripeRefunds()).toBe(refundsBefore)
      expect(await medusaReturns(orderId)).toHaveLength(1)
      const reused = await takeReturn("evanston", { ...body, lines: [{ ...body.lines[0], disposition: "quarantine" }], shift_id: shifts.evanston })
      expect(reused.status).toBe(409)
      // a key is bound to the store that used it: another store's till gets nothing of that return
      const elsewhere = await takeReturn("state", { ...body, shift_id: shifts.state })
      expect(elsewhere.status).toBe(409)
      expect(elsewhere.data.message).toContain("at another store")
    })

    it("puts each disposition where it belongs: resellable on sale here, refurbish and quarantine where nothing sells them; refurbished units go back on sale later", async () => {
      const { orderId } = await posSale(3, { cash: 92.61 })
      const line = await lineOf(orderId)
      const before = await locationOf("evanston")
      const sellableBefore = await stockAt(TEE, before.stock_location.id)
      const { status, data } = await takeReturn("evanston", {
        order_id: orderId,
        lines: [
          { line_item_id: line.line_item_id, quantity: 1, disposition: "resellable" },
          { line_item_id: line.line_item_id, quantity: 1, disposition: "refurbish", reason: "Loose seam" },
          { line_item_id: line.line_item_id, quantity: 1, disposition: "quarantine", reason: "Stained" },
        ],
        idempotency_key: key("dispositions"),
        shift_id: shifts.evanston,
      })
      expect(status).toBe(200)
      expect(data.return).toMatchObject({ status: "refunded", amount: 92.61 })
      const after = await locationOf("evanston")
      expect(after.refurbish_location_id).toBeTruthy()
      expect(after.quarantine_location_id).toBeTruthy()
      expect(await stockAt(TEE, after.stock_location.id)).toBe(sellableBefore + 1)
      expect(await stockAt(TEE, after.refurbish_location_id)).toBe(1)
      expect(await stockAt(TEE, after.quarantine_location_id)).toBe(1)
      expect(data.stock_movements.map((m: any) => [m.disposition, m.quantity])).toEqual([
        ["resellable", 1],
        ["refurbish", 1],
        ["quarantine", 1],
      ])
      const [medusaReturn] = await medusaReturns(orderId)
      expect(Number(medusaReturn.items[0].received_quantity)).toBe(3)
      expect(Number(medusaReturn.items[0].damaged_quantity)).toBe(2)

      // no sales channel sells from the non-sellable locations, and the lookup does not offer them
      const { data: locations } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "stock_location", fields: ["id", "metadata", "sales_channels.id"], filters: { id: [after.refurbish_location_id, after.quarantine_location_id] } })
      for (const location of locations as any[]) {
        expect(location.sales_channels ?? []).toEqual([])
        expect(location.metadata).toMatchObject({ sellable: false, pos_store_id: demo.store_ids.evanston })
      }
      const { data: lookup } = await api.get(`/terminal/stores/${demo.store_ids.evanston}/lookup?code=${TEE}`, as.evanston)
      const elsewhere = lookup.variants[0].stock.elsewhere.map((n: any) => n.location_id)
      expect(elsewhere).not.toContain(after.refurbish_location_id)
      expect(elsewhere).not.toContain(after.quarantine_location_id)

      // turn time: received and refunded times, restocked time per line
      const returnId = data.return.id
      expect(data.return.received_at).toBeTruthy()
      expect(data.return.refunded_at).toBeTruthy()
      const refurb = () => data.return.lines.find((l: any) => l.disposition === "refurbish")
      expect(refurb()).toMatchObject({ restocked_quantity: 0, restocked_at: null })

      const released = await api.post(`/terminal/returns/${returnId}/release`, { line_item_id: line.line_item_id, quantity: 1, note: "Seam fixed" }, as.evanston)
      expect(released.data.return.lines.find((l: any) => l.disposition === "refurbish")).toMatchObject({ restocked_quantity: 1, restocked_at: expect.any(String) })
      expect(await stockAt(TEE, after.refurbish_location_id)).toBe(0)
      expect(await stockAt(TEE, after.stock_location.id)).toBe(sellableBefore + 2)
      const pos = getContainer().resolve<any>("pos")
      expect(await pos.listPosAuditLogs({ action: "return.refurbished_released", resource_id: orderId })).toHaveLength(1)
      const twice = await attempt(api.post(`/terminal/returns/${returnId}/release`, { line_item_id: line.line_item_id, quantity: 1 }, as.evanston))
      expect(twice.status).toBe(400)
      expect(twice.data.message).toContain("0 of this return are still held for refurbishing")
      const notAnotherStore = await attempt(api.post(`/terminal/returns/${returnId}/release`, { line_item_id: line.line_item_id, quantity: 1 }, as.state))
      expect(notAnotherStore.status).toBe(403)

      // the return receipt
      const { data: json } = await api.get(`/terminal/returns/${returnId}/receipt`, as.evanston)
      expect(json.receipt).toMatchObject({ total: 92.61, store: { name: "Northwind Evanston" }, refunds: [{ kind: "cash", amount: 92.61, status: "succeeded" }] })
      const html = await api.get(`/terminal/returns/${returnId}/receipt?format=html`, as.evanston)
      expect(html.headers["content-type"]).toContain("text/html")
      for (const text of ["RETURN", "Back to stock", "To refurbish", "Quarantined", "Refunded to Cash", "$92.61", "<svg"]) {
        expect(html.data).toContain(text)
      }
    })

    it("refuses a return outside the window; an associate cannot override it, a manager can, with a reason (audited)", async () => {
      const { orderId } = await posSale(1, { cash: 30.87 })
      // delivered 40 days ago
      const { data: orders } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "order", fields: ["fulfillments.id"], filters: { id: orderId } })
      const fulfillmentModule = getContainer().resolve(Modules.FULFILLMENT)
      const longAgo = new Date(Date.now() - 40 * 86_400_000)
      await fulfillmentModule.updateFulfillment((orders[0] as any).fulfillments[0].id, { delivered_at: longAgo } as any)

      const line = await lineOf(orderId)
      expect(line).toMatchObject({ returnable_quantity: 0, returnable_with_override: 1 })
      expect(line.refusals[0]).toMatchObject({ rule: "window", overridable: true, message: expect.stringContaining("the 30-day return window ended on") })

      const body = { order_id: orderId, lines: [{ line_item_id: line.line_item_id, quantity: 1, disposition: "resellable" }], shift_id: shifts.evanston }
      const refused = await takeReturn("evanston", { ...body, idempotency_key: key("window") }, as.evanstonAssociate)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toContain("return window ended")
      expect(refused.data.message).toContain("a manager can override this")
      const noManager = await takeReturn("evanston", { ...body, idempotency_key: key("window"), override_reason: "Gift, receipt found late" }, as.evanstonAssociate)
      expect(noManager.status).toBe(403)
      expect(await medusaReturns(orderId)).toHaveLength(0)

      const { status, data } = await takeReturn("evanston", { ...body, idempotency_key: key("window"), override_reason: "Gift, receipt found late" })
      expect(status).toBe(200)
      expect(data.return).toMatchObject({ status: "refunded", override_reason: "Gift, receipt found late" })
      const pos = getContainer().resolve<any>("pos")
      const [audit] = await pos.listPosAuditLogs({ action: "return.received_with_override", resource_id: orderId })
      expect(audit.data).toMatchObject({ override_reason: "Gift, receipt found late", return_id: data.return.id })
    })

    it("refunds a line returned one unit at a time exactly what returning it at once would", async () => {
      const { orderId } = await posSale(3, { cash: 92.61 })
      const line = await lineOf(orderId)
      const refunded: number[] = []
      for (let part = 1; part <= 3; part++) {
        const { status, data } = await takeReturn("evanston", {
          order_id: orderId,
          lines: [{ line_item_id: line.line_item_id, quantity: 1, disposition: "resellable" }],
          idempotency_key: key(`part-${part}`),
          shift_id: shifts.evanston,
        })
        expect(status).toBe(200)
        expect(data.return.status).toBe("refunded")
        refunded.push(Number(data.return.amount))
      }
      expect(refunded).toEqual([30.87, 30.87, 30.87])
      const { data: orders } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "order", fields: ["payment_collections.payments.refunds.amount"], filters: { id: orderId } })
      const total = ((orders[0] as any).payment_collections as any[])
        .flatMap((pc) => pc.payments)
        .flatMap((p: any) => p.refunds)
        .reduce((sum: number, r: any) => sum + Math.round(Number(r.amount) * 100), 0)
      expect(total).toBe(9261)
    })

    it("pays back what is left when a goodwill refund came before the return", async () => {
      const { orderId } = await posSale(1, { cash: 30.87 })
      const goodwill = await attempt(
        api.post(`/terminal/orders/${orderId}/refunds`, { amount: 1, idempotency_key: key("goodwill"), shift_id: shifts.state }, as.state)
      )
      expect(goodwill.status).toBe(200)
      const line = await lineOf(orderId)
      const body = {
        order_id: orderId,
        lines: [{ line_item_id: line.line_item_id, quantity: 1, disposition: "resellable" }],
        idempotency_key: key("after-goodwill"),
        shift_id: shifts.evanston,
      }
      const { status, data } = await takeReturn("evanston", body)
      expect(status).toBe(200)
      expect(data.return.status).toBe("refunded")
      expect(Number(data.return.amount)).toBe(29.87)
      expect(data.refunds.map((p: any) => [p.kind, p.amount, p.status])).toEqual([["cash", 29.87, "succeeded"]])
    })

    it("keeps a return received when its card refund fails at Stripe, and refunds exactly once on retry", async () => {
      const { orderId } = await posSale(1, { card: 30.87 })
      const line = await lineOf(orderId)
      const body = { order_id: orderId, lines: [{ line_item_id: line.line_item_id, quantity: 1, disposition: "resellable" }], idempotency_key: key("stripe-down") }
      const refundsOf = () => [...fake.refunds.values()].filter((r) => r.amount === 3087).length
      const before = refundsOf()
      fake.failNextRefunds(1)
      const failed = await takeReturn("evanston", body)
      expect(failed.status).toBe(202)
      expect(failed.data.return).toMatchObject({ status: "refund_failed", failure_reason: expect.stringContaining("cannot be refunded") })
      expect(failed.data.refund_error).toContain("cannot be refunded")
      expect(refundsOf()).toBe(before)
      expect((await medusaReturns(orderId))[0].status).toBe("received")

      const retried = await takeReturn("evanston", body)
      expect(retried.status).toBe(200)
      expect(retried.data.return).toMatchObject({ id: failed.data.return.id, status: "refunded", refunded_at: expect.any(String) })
      expect(refundsOf()).toBe(before + 1)
      const third = await takeReturn("evanston", body)
      expect(third.data.return.status).toBe("refunded")
      expect(refundsOf()).toBe(before + 1)
      expect(await medusaReturns(orderId)).toHaveLength(1)
    })

    // A kill -9 once Medusa's return stood is crash.spec's: a real server process killed there, the retry finishing it.
    it("takes a return back entirely when it fails once Medusa's return stood (a merchant's hook refuses): no return, no restock, the approval usable again; the same key then takes it once", async () => {
      const { orderId } = await posSale(1, { cash: 30.87 })
      const { data: orders } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "order", fields: ["fulfillments.id"], filters: { id: orderId } })
      // delivered 40 days ago: the associate needs a manager's approval to override the window
      await getContainer()
        .resolve(Modules.FULFILLMENT)
        .updateFulfillment((orders[0] as any).fulfillments[0].id, { delivered_at: new Date(Date.now() - 40 * 86_400_000) } as any)
      const line = await lineOf(orderId)
      const here = (await locationOf("evanston")).stock_location.id
      const before = await stockAt(TEE, here)
      const manager = demo.staff.find((s) => s.store === "Northwind Evanston" && s.role === "manager")!
      const { data: verified } = await api.post(
        "/terminal/pin/verify",
        { store_id: demo.store_ids.evanston, pin: manager.pin, action: "return.override_rule" },
        as.evanstonAssociate
      )
      const body = {
        order_id: orderId,
        lines: [{ line_item_id: line.line_item_id, quantity: 1, disposition: "resellable" }],
        idempotency_key: key("hook"),
        shift_id: shifts.evanston,
        override_reason: "Gift, receipt found late",
        approval_id: verified.approval.id,
      }
      refusedByHook.add(orderId)
      const refused = await takeReturn("evanston", body, as.evanstonAssociate)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toContain("The ERP refused")
      expect((await medusaReturns(orderId)).filter((r) => r.status !== "canceled")).toEqual([])
      expect(await stockAt(TEE, here)).toBe(before)
      const pos = getContainer().resolve<any>("pos")
      expect(await pos.listPosReturns({ order_id: orderId })).toEqual([])
      expect(await lineOf(orderId)).toMatchObject({ returnable_quantity: 0, returnable_with_override: 1 })

      // the hook lets it through now: the same key and the same approval take it, once
      refusedByHook.delete(orderId)
      const taken = await takeReturn("evanston", body, as.evanstonAssociate)
      expect(taken.data.message).toBeUndefined()
      expect(taken.status).toBe(200)
      expect(taken.data.return).toMatchObject({ status: "refunded", amount: 30.87, approval_id: verified.approval.id, override_reason: "Gift, receipt found late" })
      expect(taken.data.replayed).toBe(false)
      expect((await medusaReturns(orderId)).filter((r) => r.status === "received")).toHaveLength(1)
      expect(await stockAt(TEE, here)).toBe(before + 1)
      // used up now: another return cannot use it again
      const [approval] = await pos.listPosApprovals({ id: verified.approval.id })
      expect(approval.used_at).not.toBeNull()
      const replay = await takeReturn("evanston", body, as.evanstonAssociate)
      expect(replay.data).toMatchObject({ replayed: true, return: { id: taken.data.return.id, status: "refunded" } })
      expect((await medusaReturns(orderId)).filter((r) => r.status === "received")).toHaveLength(1)
    })

    it("gives a guest's store credit as a gift card of the loyalty plugin when the merchant offers it", async () => {
      const { orderId } = await posSale(1, { cash: 30.87 })
      const line = await lineOf(orderId)
      const body = { order_id: orderId, lines: [{ line_item_id: line.line_item_id, quantity: 1, disposition: "resellable" }], refund_to: "store_credit", idempotency_key: key("credit") }
      const off = await takeReturn("evanston", body)
      expect(off.status).toBe(400)
      expect(off.data.message).toContain("Store credit is not offered at store EVANSTON")

      getContainer().resolve<any>("pos").settings.returns = { store_credit: true }
      const { status, data } = await takeReturn("evanston", body)
      expect(status).toBe(200)
      // no customer account to credit: a gift card of the amount, its code on the return's receipt
      expect(data.return).toMatchObject({ status: "credited", store_credit_code: expect.stringMatching(/^GIFT-/), store_credit_account_id: null })
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const giftCards = async () =>
        (await query.graph({ entity: "gift_card", fields: ["id", "code", "value", "currency_code", "reference_id"], filters: { reference_id: data.return.id } })).data as any[]
      const [card] = await giftCards()
      expect(card).toMatchObject({ code: data.store_credit_code, currency_code: "usd" })
      expect(Number(card.value)).toBe(30.87)
      const { data: balance } = await api.get(`/terminal/stores/${demo.store_ids.evanston}/gift-cards/${card.code}`, as.evanston)
      expect(balance.gift_card.balance).toBe(30.87)
      const replay = await takeReturn("evanston", body)
      expect(replay.data.return.store_credit_code).toBe(data.store_credit_code)
      expect(await giftCards()).toHaveLength(1)
      const { data: receipt } = await api.get(`/terminal/returns/${data.return.id}/receipt?format=html`, as.evanston)
      expect(receipt).toContain(data.store_credit_code)
    })

    async function variantId(sku: string) {
      const { data } = await getContainer().resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "product_variant", fields: ["id"], filters: { sku } })
      return (data[0] as any).id as string
    }

    it("exchanges for another variant off this store's shelf with Medusa's exchange flow: a dearer one collects the difference in cash, a cheaper one refunds it", async () => {
      const evanston = (await locationOf("evanston")).stock_location.id
      const exchange = (body: Record<string, unknown>) =>
        attempt(api.post(`/terminal/stores/${demo.store_ids.evanston}/exchanges`, body, as.evanston))

      // a tee for a pocket tee (32): the customer pays the difference into Evanston's drawer
      const { orderId } = await posSale(1, { cash: 30.87 })
      const line = await lineOf(orderId)
      const pocketTee = "NW-PKT-NAV-M"
      const [teeBefore, pocketBefore] = [await stockAt(TEE, evanston), await stockAt(pocketTee, evanston)]
      const body = {
        order_id: orderId,
        lines: [{ line_item_id: line.line_item_id, quantity: 1, disposition: "resellable", reason: "Wants a pocket" }],
        new_items: [{ variant_id: await variantId(pocketTee), quantity: 1 }],
        idempotency_key: key("exchange-up"),
        shift_id: shifts.evanston,
      }
      const noDrawer = await exchange({ ...body, shift_id: undefined })
      expect(noDrawer.status).toBe(400)
      const { status, data } = await exchange(body)
      expect(status).toBe(200)
      const collected = Number(data.return.collected_amount)
      expect(data.return).toMatchObject({ status: "settled", exchange_id: expect.stringMatching(/^oexc_/), amount: 0 })
      // the pocket tee at 32 + 10.25% = 35.28, against the tee's 30.87
      expect(collected).toBe(4.41)
      expect(Number(data.return.new_items_amount)).toBe(35.28)
      expect(collected).toBeGreaterThan(0)
      expect(await stockAt(TEE, evanston)).toBe(teeBefore + 1)
      expect(await stockAt(pocketTee, evanston)).toBe(pocketBefore - 1)
      const { data: shift } = await api.get(`/terminal/shifts/${shifts.evanston}`, as.evanston)
      expect(shift.shift.cash_movements.map((m: any) => Number(m.amount))).toContain(collected)

      // Medusa's order: the exchange's return received here, the new item delivered, nothing left to pay
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({
        entity: "order",
        fields: ["id", "summary.*", "items.variant_sku", "items.detail.delivered_quantity"],
        filters: { id: orderId },
      })
      const order = orders[0] as any
      const { data: exchanges } = await query.graph({ entity: "order_exchange", fields: ["id"], filters: { order_id: orderId } })
      expect(exchanges.map((e: any) => e.id)).toEqual([data.return.exchange_id])
      expect(Number(order.summary.pending_difference)).toBe(0)
      const newItem = order.items.find((i: any) => i.variant_sku === pocketTee)
      expect(Number(newItem.detail.delivered_quantity)).toBe(1)
      expect((await medusaReturns(orderId)).map((r) => r.status)).toEqual(["received"])

      // the exchange's receipt: what came back, what went out, what was paid
      const { data: receipt } = await api.get(`/terminal/returns/${data.return.id}/receipt`, as.evanston)
      expect(receipt.receipt).toMatchObject({ collected: 4.41, new_items: [expect.objectContaining({ quantity: 1, amount: 35.28 })] })
      const html = await api.get(`/terminal/returns/${data.return.id}/receipt?format=html`, as.evanston)
      expect(html.data).toContain("EXCHANGED FOR")
      expect(html.data).toContain("Paid in cash")

      const replay = await exchange(body)
      expect(replay.status).toBe(200)
      expect(replay.data.return).toMatchObject({ id: data.return.id, status: "settled" })
      const { data: after } = await api.get(`/terminal/shifts/${shifts.evanston}`, as.evanston)
      expect(after.shift.cash_movements.filter((m: any) => Number(m.amount) === collected)).toHaveLength(
        shift.shift.cash_movements.filter((m: any) => Number(m.amount) === collected).length
      )

      // a tee for a 3-pack of socks (18): the difference goes back to the original tender (cash)
      const { orderId: second } = await posSale(1, { cash: 30.87 })
      const secondLine = await lineOf(second)
      const cheaper = await exchange({
        ...body,
        order_id: second,
        lines: [{ line_item_id: secondLine.line_item_id, quantity: 1, disposition: "refurbish" }],
        new_items: [{ variant_id: await variantId("NW-SK3-WHI-M"), quantity: 1 }],
        idempotency_key: key("exchange-down"),
      })
      expect(cheaper.status).toBe(200)
      expect(cheaper.data.return).toMatchObject({ status: "refunded" })
      const refunded = Number(cheaper.data.return.amount)
      // this exchange's own difference: 30.87 paid for the tee, the socks at 18 + 10.25% = 19.85
      expect(refunded).toBe(11.02)
      expect(Number(cheaper.data.return.new_items_amount)).toBe(19.85)
      expect(cheaper.data.refunds).toEqual([expect.objectContaining({ kind: "cash", amount: refunded, status: "succeeded" })])

      // after a goodwill refund of 25, a cheaper exchange gives back only what the payments have left (30.87 − 25)
      const { orderId: third } = await posSale(1, { cash: 30.87 })
      const goodwill = await attempt(
        api.post(`/terminal/orders/${third}/refunds`, { amount: 25, idempotency_key: key("goodwill-x"), shift_id: shifts.state }, as.state)
      )
      expect(goodwill.status).toBe(200)
      const thirdLine = await lineOf(third)
      const afterGoodwill = await exchange({
        ...body,
        order_id: third,
        lines: [{ line_item_id: thirdLine.line_item_id, quantity: 1, disposition: "resellable" }],
        new_items: [{ variant_id: await variantId("NW-SK3-WHI-M"), quantity: 1 }],
        idempotency_key: key("exchange-after-goodwill"),
      })
      expect(afterGoodwill.status).toBe(200)
      expect(afterGoodwill.data.return.status).toBe("refunded")
      expect(Number(afterGoodwill.data.return.amount)).toBe(5.87)
    })

    it("undoes a return whose last step fails: no return, no order change left open, no restock; the next return goes through", async () => {
      const { orderId } = await posSale(2, { cash: 61.74 })
      const line = await lineOf(orderId)
      const container = getContainer()
      const here = (await locationOf("evanston")).stock_location.id
      const { data: variants } = await container
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "product_variant", fields: ["inventory_items.inventory_item_id"], filters: { sku: TEE } })
      const inventoryItemId = (variants[0] as any).inventory_items[0].inventory_item_id
      const before = await stockAt(TEE, here)

      // one unit restocked here, the other held at a location that has no level for it: the last step fails
      const { errors } = await receiveReturnAtStoreWorkflow(container).run({
        input: {
          order_id: orderId,
          location_id: here,
          staff_id: "staff_test",
          description: "Compensation test",
          items: [{ id: line.line_item_id, quantity: 2 }],
          receive: [{ id: line.line_item_id, quantity: 1 }],
          dismiss: [{ id: line.line_item_id, quantity: 1 }],
          holds: [{ inventory_item_id: inventoryItemId, location_id: "sloc_without_a_level", adjustment: 1 }],
        },
        throwOnError: false,
      })
      expect(errors[0].error.message).toContain("not found")
      expect(await stockAt(TEE, here)).toBe(before)
      expect(await medusaReturns(orderId)).toEqual([])
      const { data: changes } = await container
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "order_change", fields: ["id", "status"], filters: { order_id: orderId, status: ["pending", "requested"] } })
      expect(changes).toEqual([])
      expect(await lineOf(orderId)).toMatchObject({ returnable_quantity: 2, refusals: [] })

      const { status } = await takeReturn("evanston", {
        order_id: orderId,
        lines: [{ line_item_id: line.line_item_id, quantity: 2, disposition: "resellable" }],
        idempotency_key: key("after-failure"),
        shift_id: shifts.evanston,
      })
      expect(status).toBe(200)
      expect(await stockAt(TEE, here)).toBe(before + 2)
    })

    it("refuses returns it cannot take with 4xx, and nothing is received", async () => {
      const { orderId } = await posSale(1, { cash: 30.87 })
      const { orderId: otherOrder } = await posSale(1, { cash: 30.87 })
      const line = await lineOf(orderId)
      const other = await lineOf(otherOrder)
      const ok = { line_item_id: line.line_item_id, quantity: 1, disposition: "resellable" }
      const send = (lines: unknown[], extra: Record<string, unknown> = {}, who?: Headers) =>
        takeReturn("evanston", { order_id: orderId, lines, idempotency_key: key("bad"), shift_id: shifts.evanston, ...extra }, who)

      const cases: [string, Promise<{ status: number; data: any }>, number, string][] = [
        ["more than was bought", send([{ ...ok, quantity: 2 }]), 400, "2 units asked, 1 may come back"],
        ["a line of another order", send([{ ...ok, line_item_id: other.line_item_id }]), 400, `Line ${other.line_item_id} is not a line of this order`],
        ["zero units", send([{ ...ok, quantity: 0 }]), 400, "lines, 0, quantity"],
        ["an unknown disposition", send([{ ...ok, disposition: "donate" }]), 400, "disposition is one of resellable, refurbish, quarantine"],
        ["no lines", send([]), 400, "field 'lines' too small"],
        ["an unknown order", takeReturn("evanston", { order_id: "order_nope", lines: [ok], idempotency_key: key("bad") }), 404, "Order order_nope was not found"],
        ["another store's returns desk", send([ok], {}, as.state), 403, "is not a member of store"],
        ["no token", attempt(api.post(`/terminal/stores/${demo.store_ids.evanston}/returns`, { order_id: orderId, lines: [ok], idempotency_key: key("bad") })), 401, ""],
      ]
      for (const [name, request, status, message] of cases) {
        const answer = await request
        expect([name, answer.status]).toEqual([name, status])
        expect([name, answer.data?.message ?? ""]).toEqual([name, expect.stringContaining(message)])
      }

      // a disposition this store does not take
      getContainer().resolve<any>("pos").settings.returns = { stores: { EVANSTON: { dispositions: ["resellable"] } } }
      const quarantine = await send([{ ...ok, disposition: "quarantine" }])
      expect(quarantine.status).toBe(400)
      expect(quarantine.data.message).toBe("Store EVANSTON does not take returns as quarantine; it supports resellable")

      // a store with returns switched off
      const pos = getContainer().resolve<any>("pos")
      const store = await pos.retrievePosStore(demo.store_ids.evanston)
      await pos.updatePosStores({ id: store.id, capabilities: { ...store.capabilities, returns: false } })
      try {
        const off = await send([ok])
        expect(off.status).toBe(400)
        expect(off.data.message).toBe("Store EVANSTON does not take returns (returns are switched off for it)")
      } finally {
        await pos.updatePosStores({ id: store.id, capabilities: store.capabilities })
      }

      // an order of a disabled sales channel
      const salesChannels = getContainer().resolve(Modules.SALES_CHANNEL)
      const { data: orders } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "order", fields: ["sales_channel_id"], filters: { id: orderId } })
      const channelId = (orders[0] as any).sales_channel_id
      await salesChannels.updateSalesChannels(channelId, { is_disabled: true })
      try {
        const disabled = await send([ok])
        expect(disabled.status).toBe(400)
        expect(disabled.data.message).toContain("a disabled sales channel: it takes no returns")
      } finally {
        await salesChannels.updateSalesChannels(channelId, { is_disabled: false })
      }
      expect(await medusaReturns(orderId)).toHaveLength(0)
    })
  },
})
