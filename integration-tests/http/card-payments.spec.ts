import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import Stripe from "stripe"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { refundToTenders } from "../../src/workflows/refund/refund-to-tenders"
import { completeSaleWorkflow } from "../../src/workflows/sale/complete-sale"
import { markSaleCompletedStepId } from "../../src/workflows/sale/steps/complete-sale-steps"
import { loadStoreContext } from "../../src/workflows/sale/utils/store-context"
import { FAKE_WEBHOOK_SECRET, useFakeStripe } from "../helpers/fake-stripe"
import { placeOnlineStripeOrder } from "../helpers/online-order"
import { attempt } from "../helpers/store-network"

jest.setTimeout(180000)

// The real `stripe` client, pointed at a local fake Stripe: nothing reaches Stripe.
const { fake, port: FAKE_PORT } = useFakeStripe(41000)
const WEBHOOK_SECRET = FAKE_WEBHOOK_SECRET

type Headers = { headers: Record<string, string> }
const READER = "tmr_fake_state_till2"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoSummary
    let who: Headers
    let shiftId: string
    const storeKey = "state"

    beforeAll(async () => {
      demo = await seedDemo(getContainer())
      const member = demo.staff.find((s) => s.store === "Northwind State Street" && s.role === "manager")!
      const { data } = await api.post("/auth/staff/emailpass", { email: member.email, password: member.password })
      who = { headers: { authorization: `Bearer ${data.token}` } }
      const storeId = demo.store_ids[storeKey]
      const { data: store } = await api.get(`/terminal/stores/${storeId}`, who)
      const register = store.store.registers[1]
      const pos = getContainer().resolve<any>("pos")
      await pos.updatePosRegisters({ id: register.id, stripe_reader_id: READER })
      const { data: shift } = await api.post(`/terminal/stores/${storeId}/shifts`, { register_id: register.id, opening_float: 100 }, who)
      shiftId = shift.shift.id
    })

    /** A sale of one Organic Crew Tee (28 + Chicago's 10.25% = 30.87). */
    async function saleOfOneTee() {
      const { data } = await api.post(`/terminal/stores/${demo.store_ids[storeKey]}/sales`, { shift_id: shiftId }, who)
      const { data: added } = await api.post(`/terminal/sales/${data.sale.id}/lines`, { code: "NW-TEE-BLA-M" }, who)
      expect(added.sale.total).toBe(30.87)
      return data.sale.id as string
    }

    const card = (saleId: string, amount: number, key: string) =>
      attempt(api.post(`/terminal/sales/${saleId}/tenders`, { type: "card", amount, idempotency_key: `${saleId}-${key}` }, who))

    async function webhook(type: string, readerState: Record<string, unknown>, secret = WEBHOOK_SECRET) {
      const payload = JSON.stringify({
        id: `evt_${Math.random().toString(36).slice(2)}`,
        object: "event",
        api_version: "2026-10-28",
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        type,
        data: { object: readerState },
      })
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret })
      return attempt(
        api.post("/hooks/stripe-terminal", payload, {
          headers: { "content-type": "application/json", "stripe-signature": signature },
        })
      )
    }

    /** Orders as the assertions read them: each payment's provider, amount, capture, cancel and refunds. */
    async function ordersWithPayments(orderId: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: [
          "payment_collections.payments.id",
          "payment_collections.payments.provider_id",
          "payment_collections.payments.amount",
          "payment_collections.payments.captured_at",
          "payment_collections.payments.canceled_at",
          "payment_collections.payments.refunds.amount",
        ],
        filters: { id: orderId },
      })
      return data as any[]
    }

    async function auditCount(saleId: string, action: string) {
      const pos = getContainer().resolve<any>("pos")
      return (await pos.listPosAuditLogs({ resource_id: saleId, action })).length
    }

    it("takes a card on the register's reader: approved by webhook, duplicate and racing arrivals change nothing, captured at completion", async () => {
      const saleId = await saleOfOneTee()
      const started = await card(saleId, 30.87, "card-1")
      expect(started.status).toBe(200)
      expect(started.data.tender).toMatchObject({ type: "card", status: "pending", amount: 30.87, reader_id: READER })
      const tenderId = started.data.tender.id

      // The PaymentIntent fits card-present, manual capture, in cents, with keys from sale, tender and operation.
      const [create] = fake.calls("POST", "/v1/payment_intents").filter((c) => c.body.metadata?.pos_tender_id === tenderId)
      expect(create.body).toMatchObject({
        amount: "3087",
        currency: "usd",
        capture_method: "manual",
        allowed_payment_method_types: ["card_present"],
        metadata: { pos_sale_id: saleId, pos_tender_id: tenderId },
      })
      expect(create.idempotency_key).toBe(`pos-${saleId}-${tenderId}-create`)
      const [process_] = fake.calls("POST", `/v1/terminal/readers/${READER}/process_payment_intent`).slice(-1)
      expect(process_.idempotency_key).toBe(`pos-${saleId}-${tenderId}-process`)

      // A retried request with the same key is the same tender and charges nothing more.
      const retried = await card(saleId, 30.87, "card-1")
      expect(retried.status).toBe(200)
      expect(retried.data.tender.id).toBe(tenderId)
      expect(fake.calls("POST", "/v1/payment_intents").filter((c) => c.body.metadata?.pos_tender_id === tenderId)).toHaveLength(1)

      // Completion waits for the reader.
      const early = await attempt(api.post(`/terminal/sales/${saleId}/complete`, {}, who))
      expect(early.status).toBe(400)
      expect(early.data.message).toContain("still on the reader")

      const { reader } = fake.approve(READER)
      const first = await webhook("terminal.reader.action_succeeded", reader)
      expect(first.data).toMatchObject({ handled: true, tender: { id: tenderId, status: "succeeded" } })
      // the same event again, and a poll racing another delivery: nothing changes twice
      const [again, poll] = await Promise.all([
        webhook("terminal.reader.action_succeeded", reader),
        api.post(`/terminal/sales/${saleId}/tenders/${tenderId}/refresh`, {}, who),
      ])
      expect(again.data.tender.status).toBe("succeeded")
      expect(poll.data.tender.status).toBe("succeeded")
      expect(await auditCount(saleId, "sale.card_succeeded")).toBe(1)
      expect(poll.data.sale).toMatchObject({ paid: 30.87, due: 0 })

      const { data: done } = await api.post(`/terminal/sales/${saleId}/complete`, {}, who)
      expect(done.receipt.tenders).toEqual([expect.objectContaining({ type: "card", amount: 30.87 })])
      const pi = [...fake.paymentIntents.values()].find((p) => p.metadata.pos_tender_id === tenderId)!
      expect(pi).toMatchObject({ status: "succeeded", amount_received: 3087 })
      expect(fake.calls("POST", `/v1/payment_intents/${pi.id}/capture`).map((c) => c.idempotency_key)).toEqual([
        `pos-${saleId}-${tenderId}-capture`,
      ])
      const orders = await ordersWithPayments(done.order.id)
      const payments = (orders[0] as any).payment_collections[0].payments
      expect(payments).toEqual([
        expect.objectContaining({ provider_id: "pp_stripe-terminal_stripe-terminal", captured_at: expect.anything() }),
      ])
    })

    it("records cash and card of one sale as two Medusa payments, both captured", async () => {
      const saleId = await saleOfOneTee()
      await api.post(`/terminal/sales/${saleId}/tenders`, { type: "cash", amount: 10, idempotency_key: `${saleId}-cash` }, who)
      const over = await card(saleId, 25, "card-over")
      expect(over.status).toBe(400)
      expect(over.data.message).toContain("amount 25 is more than the 20.87 still due")

      const started = await card(saleId, 20.87, "card")
      fake.approve(READER)
      // reading the tender changes nothing, even when Stripe has news; refresh asks Stripe
      const stripeCalls = fake.calls("GET", "/v1/").length
      const { data: read } = await api.get(`/terminal/sales/${saleId}/tenders/${started.data.tender.id}`, who)
      expect(read.tender.status).toBe("pending")
      expect(fake.calls("GET", "/v1/").length).toBe(stripeCalls)
      const { data: polled } = await api.post(`/terminal/sales/${saleId}/tenders/${started.data.tender.id}/refresh`, {}, who)
      expect(polled.tender.status).toBe("succeeded")

      const { data: done } = await api.post(`/terminal/sales/${saleId}/complete`, {}, who)
      const orders = await ordersWithPayments(done.order.id)
      const payments = (orders[0] as any).payment_collections[0].payments
        .map((p: any) => [p.provider_id, Number(p.amount), !!p.captured_at])
        .sort()
      expect(payments).toEqual([
        ["pp_stripe-terminal_stripe-terminal", 20.87, true],
        ["pp_system_default", 10, true],
      ])
    })

    it("fails a declined card, a busy or offline reader and a reader that times out, with the reason; a new tender can follow", async () => {
      const saleId = await saleOfOneTee()

      const declined = await card(saleId, 30.87, "declined")
      fake.decline(READER)
      const { data } = await api.post(`/terminal/sales/${saleId}/tenders/${declined.data.tender.id}/refresh`, {}, who)
      expect(data.tender).toMatchObject({ status: "failed", failure_reason: "The card was declined: Your card was declined." })
      const declinedPi = [...fake.paymentIntents.values()].find((p) => p.metadata.pos_tender_id === declined.data.tender.id)!
      expect(declinedPi.status).toBe("canceled")
      expect(data.sale).toMatchObject({ paid: 0, due: 30.87 })

      fake.readerModes.set(READER, "busy")
      const busy = await card(saleId, 30.87, "busy")
      expect(busy.status).toBe(200)
      expect(busy.data.tender).toMatchObject({ status: "failed", failure_reason: expect.stringContaining("The reader is busy") })
      fake.readerModes.set(READER, "offline")
      const offline = await card(saleId, 30.87, "offline")
      expect(offline.data.tender).toMatchObject({ status: "failed", failure_reason: expect.stringContaining("The reader is offline") })
      fake.readerModes.set(READER, "normal")

      // No card within the timeout: the reader's action and the PaymentIntent are canceled.
      const slow = await card(saleId, 30.87, "slow")
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(`update pos_tender set created_at = now() - interval '10 minutes' where id = ?`, [slow.data.tender.id])
      const { data: timedOut } = await api.post(`/terminal/sales/${saleId}/tenders/${slow.data.tender.id}/refresh`, {}, who)
      expect(timedOut.tender).toMatchObject({ status: "failed", failure_reason: expect.stringContaining("The reader timed out") })
      expect(fake.reader(READER).action).toBeNull()

      // Cancel from the till while the card is awaited.
      const waiting = await card(saleId, 30.87, "cancel-me")
      const { data: canceled } = await api.post(`/terminal/sales/${saleId}/tenders/${waiting.data.tender.id}/cancel`, {}, who)
      expect(canceled.tender).toMatchObject({ status: "canceled" })
      expect([...fake.paymentIntents.values()].find((p) => p.metadata.pos_tender_id === waiting.data.tender.id)!.status).toBe("canceled")
      expect(fake.reader(READER).action).toBeNull()

      // And a good card after all that, tapped on the simulated reader of test mode.
      const good = await card(saleId, 30.87, "good")
      const { data: tapped } = await api.post(`/terminal/sales/${saleId}/tenders/${good.data.tender.id}/simulate`, {}, who)
      expect(tapped.tender.status).toBe("succeeded")
      const { data: done } = await api.post(`/terminal/sales/${saleId}/complete`, {}, who)
      expect(done.receipt.tenders).toEqual([expect.objectContaining({ type: "card", amount: 30.87 })])
    })

    it("releases the card and reopens the sale when completion fails after the order was made", async () => {
      const saleId = await saleOfOneTee()
      const started = await card(saleId, 30.87, "card")
      fake.approve(READER)
      await api.post(`/terminal/sales/${saleId}/tenders/${started.data.tender.id}/refresh`, {}, who)

      const container = getContainer()
      const context = await loadStoreContext(container, demo.store_ids[storeKey])
      const workflow = completeSaleWorkflow(container)
      workflow.appendAction("fail-after-order", markSaleCompletedStepId, {
        invoke: async () => {
          throw new Error("injected failure after the order")
        },
      })
      const pos = container.resolve<any>("pos")
      const { errors } = await workflow.run({
        input: {
          sale_id: saleId,
          store_id: demo.store_ids[storeKey],
          staff_id: started.data.tender.staff_id,
          location_id: context.location_id,
          pickup_shipping_option_id: context.pickup_shipping_option_id!,
        },
        throwOnError: false,
      })
      expect(errors[0].error.message).toContain("injected failure")
      expect(await pos.retrievePosSale(saleId)).toMatchObject({ status: "open", order_id: null })
      const tender = await pos.retrievePosTender(started.data.tender.id)
      expect(tender).toMatchObject({ status: "failed", failure_reason: expect.stringContaining("released this card") })
      expect([...fake.paymentIntents.values()].find((p) => p.metadata.pos_tender_id === tender.id)!.status).toBe("canceled")

      // the customer taps again, and the sale completes with one captured card payment
      const again = await card(saleId, 30.87, "card-again")
      fake.approve(READER)
      await api.post(`/terminal/sales/${saleId}/tenders/${again.data.tender.id}/refresh`, {}, who)
      const { data: done } = await api.post(`/terminal/sales/${saleId}/complete`, {}, who)
      const orders = await ordersWithPayments(done.order.id)
      const live = (orders[0] as any).payment_collections[0].payments.filter((p: any) => !p.canceled_at)
      expect(live).toHaveLength(1)
      expect(live[0].captured_at).toBeTruthy()
    })

    it("refuses a forged webhook and changes nothing; a voided sale's authorized card is canceled", async () => {
      const saleId = await saleOfOneTee()
      const started = await card(saleId, 30.87, "card")
      const { reader } = fake.approve(READER)
      const forged = await webhook("terminal.reader.action_succeeded", reader, "whsec_someone_else")
      expect(forged.status).toBe(400)
      expect(forged.data.message).toContain("signature")
      const pos = getContainer().resolve<any>("pos")
      expect((await pos.retrievePosTender(started.data.tender.id)).status).toBe("pending")

      await webhook("terminal.reader.action_succeeded", reader)
      expect((await pos.retrievePosTender(started.data.tender.id)).status).toBe("succeeded")
      await api.post(`/terminal/sales/${saleId}/void`, {}, who)
      expect((await pos.retrievePosTender(started.data.tender.id)).status).toBe("canceled")
      expect([...fake.paymentIntents.values()].find((p) => p.metadata.pos_tender_id === started.data.tender.id)!.status).toBe("canceled")
    })

    async function completedSale(cash: number, cardAmount: number) {
      const saleId = await saleOfOneTee()
      if (cash) {
        await api.post(`/terminal/sales/${saleId}/tenders`, { type: "cash", amount: cash, idempotency_key: `${saleId}-cash` }, who)
      }
      const started = await card(saleId, cardAmount, "card")
      fake.approve(READER)
      await api.post(`/terminal/sales/${saleId}/tenders/${started.data.tender.id}/refresh`, {}, who)
      const { data: done } = await api.post(`/terminal/sales/${saleId}/complete`, {}, who)
      const intent = [...fake.paymentIntents.values()].find((p) => p.metadata.pos_tender_id === started.data.tender.id)!
      return { saleId, orderId: done.order.id as string, tenderId: started.data.tender.id as string, intent }
    }

    it("refunds to the original tenders: card first, then cash from the drawer; retried requests refund nothing twice", async () => {
      const { saleId, orderId, tenderId, intent } = await completedSale(10, 20.87)
      const refund = (body: Record<string, unknown>, as = who) => attempt(api.post(`/terminal/orders/${orderId}/refunds`, body, as))

      const noDrawer = await refund({ amount: 25, idempotency_key: `${orderId}-r1` })
      expect(noDrawer.status).toBe(400)
      expect(noDrawer.data.message).toContain("give shift_id")

      const { data: first, status } = await refund({ amount: 25, idempotency_key: `${orderId}-r1`, shift_id: shiftId, reason: "Wrong size" })
      expect(status).toBe(200)
      expect(first.refund).toMatchObject({ status: "succeeded", amount: 25 })
      expect(first.refund.parts.map((p: any) => [p.kind, p.amount, p.status])).toEqual([
        ["card", 20.87, "succeeded"],
        ["cash", 4.13, "succeeded"],
      ])
      // the card part went back to the card, with a key from sale, tender, refund and part
      const stripeRefunds = fake.calls("POST", "/v1/refunds").filter((c) => c.body.payment_intent === intent.id)
      expect(stripeRefunds.map((c) => [c.body.amount, c.idempotency_key])).toEqual([
        ["2087", `pos-${saleId}-${tenderId}-refund-${first.refund.id}-0`],
      ])
      // the cash part came out of the drawer
      const { data: shift } = await api.get(`/terminal/shifts/${shiftId}`, who)
      expect(shift.shift.cash_movements.map((m: any) => Number(m.amount))).toContain(-4.13)

      const again = await refund({ amount: 25, idempotency_key: `${orderId}-r1`, shift_id: shiftId })
      expect(again.status).toBe(200)
      expect(again.data).toMatchObject({ replayed: true, refund: { id: first.refund.id } })
      expect(fake.calls("POST", "/v1/refunds").filter((c) => c.body.payment_intent === intent.id)).toHaveLength(1)

      const tooMuch = await refund({ amount: 10, idempotency_key: `${orderId}-r2`, shift_id: shiftId })
      expect(tooMuch.status).toBe(400)
      expect(tooMuch.data.message).toContain("Refund 10 is more than the 5.87 USD left to refund")
      const orders = await ordersWithPayments(orderId)
      const refunded = Object.fromEntries(
        (orders[0] as any).payment_collections[0].payments.map((p: any) => [p.provider_id, p.refunds.map((r: any) => Number(r.amount))])
      )
      expect(refunded).toEqual({ "pp_stripe-terminal_stripe-terminal": [20.87], pp_system_default: [4.13] })

      // an associate needs a manager's approval to refund
      const associate = demo.staff.find((s) => s.store === "Northwind State Street" && s.role === "associate")!
      const { data: auth } = await api.post("/auth/staff/emailpass", { email: associate.email, password: associate.password })
      const refused = await refund({ amount: 1, idempotency_key: `${orderId}-r3`, shift_id: shiftId }, { headers: { authorization: `Bearer ${auth.token}` } })
      expect(refused.status).toBe(403)
    })

    it("keeps a refund that failed at Stripe failed with the reason, and finishes it once when asked again", async () => {
      const { orderId, intent } = await completedSale(0, 30.87)
      fake.failNextRefunds(1)
      const failed = await attempt(api.post(`/terminal/orders/${orderId}/refunds`, { amount: 10, idempotency_key: `${orderId}-r1` }, who))
      expect(failed.status).toBe(502)
      expect(failed.data.refund).toMatchObject({ status: "failed", failure_reason: expect.stringContaining("cannot be refunded") })
      expect([...fake.refunds.values()].filter((r) => r.payment_intent === intent.id)).toHaveLength(0)

      const retried = await api.post(`/terminal/orders/${orderId}/refunds`, { amount: 10, idempotency_key: `${orderId}-r1` }, who)
      expect(retried.status).toBe(200)
      expect(retried.data.refund).toMatchObject({ id: failed.data.refund.id, status: "succeeded" })
      expect([...fake.refunds.values()].filter((r) => r.payment_intent === intent.id).map((r) => r.amount)).toEqual([1000])
      const { data: list } = await api.get(`/terminal/orders/${orderId}/refunds`, who)
      expect(list.refunds).toHaveLength(1)
    })

    it("refunds an online order paid with Medusa's own Stripe provider back to the card", async () => {
      const { orderId, intent: online } = await placeOnlineStripeOrder(api, getContainer(), {
        demo,
        fake,
        port: FAKE_PORT,
        sku: "NW-TEE-BLA-L",
        quantity: 2,
        email: "ola@example.com",
      })
      expect(online.status).toBe("succeeded")

      // Refunded to the original tender: the card, through Stripe.
      const staffId = (await getContainer().resolve<any>("pos").listPosStaffs({}))[0].id
      const { refund } = await refundToTenders(getContainer(), {
        order_id: orderId,
        amount: 10,
        idempotency_key: `${orderId}-online-1`,
        staff_id: staffId,
        store_id: demo.store_ids[storeKey],
      })
      expect((refund.parts as any[]).map((p) => [p.kind, p.provider_id, p.amount, p.status])).toEqual([
        ["card", "pp_stripe_stripe", 10, "succeeded"],
      ])
      expect([...fake.refunds.values()].filter((r) => r.payment_intent === online.id).map((r) => r.amount)).toEqual([1000])
      const after = await ordersWithPayments(orderId)
      expect((after[0] as any).payment_collections[0].payments[0].refunds.map((r: any) => Number(r.amount))).toEqual([10])
    })

    it("answers card requests it cannot take with 4xx", async () => {
      const saleId = await saleOfOneTee()
      // Stripe refuses the PaymentIntent: no tender is left behind, and the same key works once Stripe does
      fake.failNext("POST", "/v1/payment_intents")
      const refused = await card(saleId, 30.87, "stripe-down")
      expect(refused.status).toBe(400)
      expect(refused.data.message).toContain("No card tender was taken: Stripe said Injected failure.")
      const { data: afterRefusal } = await api.get(`/terminal/sales/${saleId}`, who)
      expect(afterRefusal.sale.tenders).toEqual([])
      const retried = await card(saleId, 30.87, "stripe-down")
      expect(retried.status).toBe(200)
      await api.post(`/terminal/sales/${saleId}/tenders/${retried.data.tender.id}/cancel`, {}, who)

      const currency = await attempt(
        api.post(`/terminal/sales/${saleId}/tenders`, { type: "card", amount: 5, currency_code: "CAD", idempotency_key: `${saleId}-cad` }, who)
      )
      expect(currency.status).toBe(400)
      expect(currency.data.message).toContain("currency_code CAD is not the sale's currency")

      // a register without a reader
      const storeId = demo.store_ids.evanston
      const member = demo.staff.find((s) => s.store === "Northwind Evanston" && s.role === "manager")!
      const { data: auth } = await api.post("/auth/staff/emailpass", { email: member.email, password: member.password })
      const evanston = { headers: { authorization: `Bearer ${auth.token}` } }
      const { data: store } = await api.get(`/terminal/stores/${storeId}`, evanston)
      const { data: shift } = await api.post(`/terminal/stores/${storeId}/shifts`, { register_id: store.store.registers[0].id, opening_float: 50 }, evanston)
      const { data: sale } = await api.post(`/terminal/stores/${storeId}/sales`, { shift_id: shift.shift.id }, evanston)
      await api.post(`/terminal/sales/${sale.sale.id}/lines`, { code: "NW-TEE-BLA-M" }, evanston)
      const noReader = await attempt(
        api.post(`/terminal/sales/${sale.sale.id}/tenders`, { type: "card", amount: 5, idempotency_key: `${sale.sale.id}-card` }, evanston)
      )
      expect(noReader.status).toBe(400)
      expect(noReader.data.message).toContain("has no card reader")

      // connection tokens for the browser SDK need the store's Terminal location
      const noLocation = await attempt(api.post(`/terminal/stores/${demo.store_ids[storeKey]}/stripe/connection-token`, {}, who))
      expect(noLocation.status).toBe(400)
      const pos = getContainer().resolve<any>("pos")
      await pos.updatePosStores({ id: demo.store_ids[storeKey], stripe_location_id: "tml_fakeState" })
      const { data: token } = await api.post(`/terminal/stores/${demo.store_ids[storeKey]}/stripe/connection-token`, {}, who)
      expect(token).toMatchObject({ secret: expect.stringMatching(/^pst_test_/), location: "tml_fakeState" })
      // another store's staff get no token for this store
      const other = await attempt(api.post(`/terminal/stores/${demo.store_ids[storeKey]}/stripe/connection-token`, {}, evanston))
      expect(other.status).toBe(403)
    })
  },
})
