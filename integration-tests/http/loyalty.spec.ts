import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createGiftCardsWorkflow } from "@medusajs/loyalty-plugin/workflows"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { seedGiftCardProduct } from "../../demo/gift-cards"
import { adminHeaders } from "../helpers/admin"
import { attempt } from "../helpers/store-network"
import { signInManagers } from "../helpers/store-staff"
import { webshop } from "../helpers/webshop"

jest.setTimeout(240000)

type Headers = { headers: Record<string, string> }

/**
 * Gift cards, store credit and loyalty across channels (docs/customers.md), through Medusa's loyalty
 * plugin: a gift card sold at a till and spent online, a split of gift card and cash, a refund back
 * to the gift card, a return to store credit spent at another store, loyalty earned and taken back,
 * and the plugin's own storefront flow untouched.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoSummary
    let admin: Headers
    const as: Record<string, Headers> = {}
    const shop = webshop(api, getContainer, () => demo)
    const shifts: Record<string, string> = {}
    const GIFT = "NW-GIFT-50"

    beforeAll(async () => {
      demo = await seedDemo(getContainer())
      admin = await adminHeaders(getContainer(), api)
      Object.assign(as, await signInManagers(api, demo, ["state", "evanston"]))
      for (const key of ["state", "evanston"]) {
        const { data: store } = await api.get(`/terminal/stores/${demo.store_ids[key]}`, as[key])
        const { data: shift } = await api.post(
          `/terminal/stores/${demo.store_ids[key]}/shifts`,
          { register_id: store.store.registers[0].id, opening_float: 200 },
          as[key]
        )
        shifts[key] = shift.shift.id
      }
      // the demo's gift card product (demo/gift-cards.ts), as a merchant makes one in Medusa's dashboard: sold online and in every shop
      await seedGiftCardProduct(getContainer())
    })

    const storeKey = (store: string) => demo.store_ids[store]

    async function openSale(store: string) {
      const { data } = await api.post(`/terminal/stores/${storeKey(store)}/sales`, { shift_id: shifts[store] }, as[store])
      return data.sale as { id: string; cart_id: string }
    }
    async function scan(store: string, saleId: string, sku: string) {
      const { data } = await api.post(`/terminal/sales/${saleId}/lines`, { code: sku }, as[store])
      return data.sale
    }
    const tender = (store: string, saleId: string, body: Record<string, unknown>) =>
      attempt(api.post(`/terminal/sales/${saleId}/tenders`, { idempotency_key: `${saleId}-${body.type}-${Date.now()}`, ...body }, as[store]))
    async function receiptWithCodes(orderId: string, store = "state") {
      for (let i = 0; i < 100; i++) {
        const { data } = await api.get(`/terminal/orders/${orderId}/receipt`, as[store])
        if (!data.receipt.gift_cards.issuing) {
          return data.receipt
        }
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`the gift cards of order ${orderId} were not issued`)
    }
    const balanceOf = async (code: string, store = "state") =>
      (await api.get(`/terminal/stores/${storeKey(store)}/gift-cards/${encodeURIComponent(code)}`, as[store])).data.gift_card
    async function accountOf(customerId: string) {
      const [account] = await getContainer().resolve<any>("store_credit").listStoreCreditAccounts({ customer_id: customerId, currency_code: "usd" })
      return account ? { id: account.id as string, balance: Number(account.balance) } : null
    }
    async function ledgerOf(accountId: string) {
      return (await getContainer()
        .resolve<any>("store_credit")
        .listAccountTransactions({ account_id: accountId }, { select: ["type", "amount", "reference", "reference_id"], order: { created_at: "ASC" } })) as any[]
    }
    async function waitFor<T>(what: string, read: () => Promise<T | null | undefined | false>) {
      for (let i = 0; i < 100; i++) {
        const value = await read()
        if (value) {
          return value
        }
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`waited for ${what}`)
    }

    /** A webshop cart of a SKU for a shopper, shipped, with the gift card applied through the loyalty plugin's store route. */
    async function onlineCartWithGiftCard(sku: string, code: string | null, customer?: Headers) {
      const key = { headers: { "x-publishable-api-key": demo.publishable_key, ...(customer?.headers ?? {}) } }
      const { data: created } = await api.post("/store/carts", { region_id: demo.region_ids.usd }, key)
      const cartId = created.cart.id
      const { data: variants } = await getContainer().resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "product_variant", fields: ["id"], filters: { sku } })
      await api.post(`/store/carts/${cartId}/line-items`, { variant_id: (variants[0] as any).id, quantity: 1 }, key)
      await api.post(
        `/store/carts/${cartId}`,
        {
          email: `gift-${Date.now()}@example.com`,
          shipping_address: { first_name: "Sam", last_name: "Shopper", address_1: "1 Main St", city: "Chicago", province: "us-il", postal_code: "60622", country_code: "us", metadata: shop.near("state") },
        },
        key
      )
      const { data: options } = await api.get(`/store/shipping-options?cart_id=${cartId}`, key)
      await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: options.shipping_options[0].id }, key)
      const applied = code ? await api.post(`/store/carts/${cartId}/gift-cards`, { code }, key) : await api.get(`/store/carts/${cartId}`, key)
      return { cartId, cart: applied.data.cart, key }
    }
    async function payAndComplete(cartId: string, key: Headers) {
      const { data } = await api.get(`/store/carts/${cartId}`, key)
      if (Number(data.cart.total) > 0) {
        const { data: collection } = await api.post("/store/payment-collections", { cart_id: cartId }, key)
        await api.post(`/store/payment-collections/${collection.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, key)
      }
      const { data: placed } = await api.post(`/store/carts/${cartId}/complete`, {}, key)
      return placed.order
    }

    it("sells a gift card at a till, spends it online and at a till with cash, refunds back to it, and checks its balance by code", async () => {
      await shop.setStock("NW-TEE-BLA-M", { dc: 10, state: 10, evanston: 10 })
      await shop.setStock("NW-HOO-BLA-M", { dc: 10, state: 10, evanston: 10 })

      // 1. sold at State Street for cash: the card is issued when the sale completes, its code on the receipt
      const sale = await openSale("state")
      const scanned = await scan("state", sale.id, GIFT)
      expect(scanned.total).toBe(50)
      expect((await tender("state", sale.id, { type: "cash", amount: 50 })).status).toBe(200)
      const { data: sold } = await api.post(`/terminal/sales/${sale.id}/complete`, {}, as.state)
      const receipt = await receiptWithCodes(sold.order.id)
      expect(receipt.gift_cards.issued).toEqual([{ code: expect.stringMatching(/^GIFT-[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/), value: 50, currency_code: "usd" }])
      const code = receipt.gift_cards.issued[0].code as string
      const html = await api.get(`/terminal/orders/${sold.order.id}/receipt?format=html`, as.state)
      expect(html.data).toContain(code)
      // the balance, checked by the code as typed (lower case, spaces): the masked code only, and an audit row
      const checked = await balanceOf(` ${code.toLowerCase()} `)
      expect(checked).toMatchObject({ code: `•••• ${code.slice(-4)}`, balance: 50, currency_code: "usd", expired: false })
      expect(JSON.stringify(checked)).not.toContain(code)
      const unknown = await attempt(api.get(`/terminal/stores/${storeKey("state")}/gift-cards/GIFT-0000-0000-0000-0000`, as.state))
      expect(unknown.status).toBe(404)
      expect(unknown.data.message).toBe("No gift card has the code ending •••• 0000")
      const notACode = await attempt(api.get(`/terminal/stores/${storeKey("state")}/gift-cards/${encodeURIComponent("<script>")}`, as.state))
      expect(notACode.status).toBe(400)
      // staff of another store, or no token at all: refused, and neither counts as a check
      const otherStore = await attempt(api.get(`/terminal/stores/${storeKey("state")}/gift-cards/${code}`, as.evanston))
      expect(otherStore.status).toBe(403)
      const noToken = await attempt(api.get(`/terminal/stores/${storeKey("state")}/gift-cards/${code}`))
      expect(noToken.status).toBe(401)
      const audits = await getContainer().resolve<any>("pos").listPosAuditLogs({ action: ["gift_card.balance_checked", "gift_card.balance_check_failed"] })
      expect(audits.map((a: any) => a.action).sort()).toEqual(["gift_card.balance_check_failed", "gift_card.balance_check_failed", "gift_card.balance_checked"])

      // 2. spent online with the loyalty plugin's own store route: the tee and shipping, the rest paid by the system provider
      const online = await onlineCartWithGiftCard("NW-TEE-BLA-M", code)
      const onlineCredit = Number(online.cart.credit_line_total)
      expect(onlineCredit).toBeGreaterThan(28)
      expect(Number(online.cart.total)).toBe(0)
      const order = await payAndComplete(online.cartId, online.key)
      expect(order.id).toBeTruthy()
      const afterOnline = await balanceOf(code, "evanston")
      expect(afterOnline.balance).toBeCloseTo(50 - onlineCredit, 2)

      // 3. spent at Evanston, split with cash: the card pays what it holds, the balance before and after shown
      const split = await openSale("evanston")
      await scan("evanston", split.id, "NW-HOO-BLA-M")
      const gift = await tender("evanston", split.id, { type: "gift_card", code })
      expect(gift.status).toBe(200)
      expect(gift.data.tender).toMatchObject({ type: "gift_card", code: `•••• ${code.slice(-4)}`, amount: afterOnline.balance, balance_before: afterOnline.balance, balance_after: 0 })
      expect(gift.data.sale.total).toBeGreaterThan(78)
      expect(gift.data.sale.due).toBeCloseTo(gift.data.sale.total - afterOnline.balance, 2)
      // another store's staff cannot take it on this sale
      const foreign = await attempt(api.post(`/terminal/sales/${split.id}/tenders`, { type: "gift_card", code, idempotency_key: `${split.id}-foreign` }, as.state))
      expect(foreign.status).toBe(403)
      // the same card twice is refused
      const twice = await tender("evanston", split.id, { type: "gift_card", code })
      expect(twice.status).toBe(400)
      expect(twice.data.message).toBe(`Gift card •••• ${code.slice(-4)} is already a tender of this sale`)
      const cash = await tender("evanston", split.id, { type: "cash", amount: 100, tendered: 100 })
      expect(cash.data.tender.change_due).toBeCloseTo(100 - gift.data.sale.due, 2)
      const { data: splitDone } = await api.post(`/terminal/sales/${split.id}/complete`, {}, as.evanston)
      expect(splitDone.receipt.tenders).toEqual([
        expect.objectContaining({ type: "gift_card", amount: afterOnline.balance, balance_after: 0, code: `•••• ${code.slice(-4)}` }),
        expect.objectContaining({ type: "cash", amount: gift.data.sale.due }),
      ])
      expect(splitDone.receipt.order.total).toBe(gift.data.sale.total)
      expect((await balanceOf(code, "evanston")).balance).toBe(0)

      // 4. the hoodie comes back: the refund goes to the gift card first (what it paid), the rest in cash
      const { data: eligibility } = await api.post(`/terminal/orders/${splitDone.order.id}/return-eligibility`, {}, as.evanston)
      const line = eligibility.lines.find((l: any) => l.returnable_quantity > 0)
      const { data: returned } = await api.post(
        `/terminal/stores/${storeKey("evanston")}/returns`,
        { order_id: splitDone.order.id, lines: [{ line_item_id: line.line_item_id, quantity: 1, disposition: "resellable" }], idempotency_key: `gift-return-${split.id}`, shift_id: shifts.evanston },
        as.evanston
      )
      expect(returned.return.status).toBe("refunded")
      expect(returned.refunds.map((r: any) => [r.kind, r.amount, r.status])).toEqual([
        ["gift_card", afterOnline.balance, "succeeded"],
        ["cash", expect.closeTo(gift.data.sale.total - afterOnline.balance, 2), "succeeded"],
      ])
      expect((await balanceOf(code, "evanston")).balance).toBe(afterOnline.balance)
      // Medusa's order shows the gift card part refunded too
      const { data: medusaOrder } = await api.get(`/admin/orders/${splitDone.order.id}?fields=summary.*`, admin)
      expect(Number(medusaOrder.order.summary.pending_difference)).toBeCloseTo(0, 2)
    })

    it("takes a return as store credit into the customer's account, spends it at another store, and earns and takes back loyalty", async () => {
      await shop.setStock("NW-HEN-OAT-M", { dc: 10, state: 10, evanston: 10 })
      await shop.setStock("NW-CAP-NAV-OS", { dc: 10, state: 10, evanston: 10 })
      const robin = await shop.registeredShopper(`credit-${Date.now()}@example.com`)

      // a till sale at State Street with Robin attached, paid in cash: 5% of it earned once the payment is captured
      const sale = await openSale("state")
      await scan("state", sale.id, "NW-HEN-OAT-M")
      const { data: attached } = await api.post(`/terminal/sales/${sale.id}/customer`, { customer_id: robin.id }, as.state)
      const paid = attached.sale.total as number
      await tender("state", sale.id, { type: "cash", amount: paid })
      const { data: done } = await api.post(`/terminal/sales/${sale.id}/complete`, {}, as.state)
      const earned = Math.floor(paid * 0.05 * 100) / 100
      expect(done.receipt.loyalty).toMatchObject({ earned })
      const afterEarn = await waitFor("the earn", async () => {
        const account = await accountOf(robin.id)
        return account && account.balance > 0 ? account : null
      })
      expect(afterEarn.balance).toBe(earned)
      const { data: reprinted } = await api.get(`/terminal/orders/${done.order.id}/receipt`, as.state)
      expect(reprinted.receipt.loyalty).toEqual({ earned, credited: true, balance: earned })
      expect((await api.get(`/terminal/orders/${done.order.id}/receipt?format=html`, as.state)).data).toContain("Loyalty earned")

      // the henley comes back at Evanston as store credit: into Robin's account, not a code; the earn on it is taken back
      getContainer().resolve<any>("pos").settings.returns = { store_credit: true }
      try {
        const { data: eligibility } = await api.post(`/terminal/orders/${done.order.id}/return-eligibility`, {}, as.evanston)
        const line = eligibility.lines.find((l: any) => l.returnable_quantity > 0)
        const body = { order_id: done.order.id, lines: [{ line_item_id: line.line_item_id, quantity: 1, disposition: "resellable" }], refund_to: "store_credit", idempotency_key: `credit-${sale.id}` }
        const { data: credited } = await api.post(`/terminal/stores/${storeKey("evanston")}/returns`, body, as.evanston)
        expect(credited.return).toMatchObject({ status: "credited", store_credit_code: null, store_credit_account_id: afterEarn.id })
        const replay = await api.post(`/terminal/stores/${storeKey("evanston")}/returns`, body, as.evanston)
        expect(replay.data.replayed).toBe(true)
      } finally {
        getContainer().resolve<any>("pos").settings.returns = {}
      }
      const ledger = await ledgerOf(afterEarn.id)
      expect(ledger.map((t) => [t.type, Number(t.amount), t.reference])).toEqual([
        ["credit", earned, "pos_loyalty_earn"],
        ["credit", paid, "pos_return"],
        ["debit", earned, "pos_loyalty_reversal"],
      ])
      const credit = (await accountOf(robin.id))!
      expect(credit.balance).toBeCloseTo(paid, 2)

      // spent at Evanston: store credit of the attached customer as a tender, part of it
      const next = await openSale("evanston")
      await scan("evanston", next.id, "NW-CAP-NAV-OS")
      const refused = await tender("evanston", next.id, { type: "store_credit" })
      expect(refused.status).toBe(400)
      expect(refused.data.message).toBe("Store credit is the customer's: attach the customer to the sale first")
      await api.post(`/terminal/sales/${next.id}/customer`, { customer_id: robin.id }, as.evanston)
      const tooMuch = await tender("evanston", next.id, { type: "store_credit", amount: 1000 })
      expect(tooMuch.status).toBe(400)
      const used = await tender("evanston", next.id, { type: "store_credit", amount: 10 })
      expect(used.status).toBe(200)
      expect(used.data.tender).toMatchObject({ type: "store_credit", amount: 10, balance_before: credit.balance, balance_after: expect.closeTo(credit.balance - 10, 2) })
      await tender("evanston", next.id, { type: "cash", amount: used.data.sale.due })
      const { data: nextDone } = await api.post(`/terminal/sales/${next.id}/complete`, {}, as.evanston)
      expect(nextDone.receipt.tenders.map((t: any) => t.type)).toEqual(["store_credit", "cash"])
      // 10 spent; what the cash part paid earns 5% once captured
      const cashPaid = used.data.sale.due as number
      const cashEarn = Math.floor(cashPaid * 0.05 * 100) / 100
      await waitFor("the second earn", async () => (await ledgerOf(credit.id)).filter((t) => t.reference === "pos_loyalty_earn").length === 2)
      expect((await accountOf(robin.id))!.balance).toBeCloseTo(credit.balance - 10 + cashEarn, 2)
    })

    it("refuses what a gift card or store credit tender cannot take, and offline offers neither", async () => {
      const container = getContainer()
      const { result: cards } = await createGiftCardsWorkflow(container).run({
        input: [
          { value: 500, currency_code: "usd", reference: "test", reference_id: "big", metadata: {} },
          { value: 20, currency_code: "cad", reference: "test", reference_id: "cad", metadata: {} },
          { value: 20, currency_code: "usd", reference: "test", reference_id: "old", metadata: {}, expires_at: new Date(Date.now() - 86400000) },
          { value: 5, currency_code: "usd", reference: "test", reference_id: "small", metadata: {} },
        ] as any,
      })
      const byReference = (ref: string) => (cards as any[]).find((c) => c.reference_id === ref)
      const [big, cad, old] = [byReference("big"), byReference("cad"), byReference("old")]
      const sale = await openSale("state")
      await scan("state", sale.id, "NW-CAP-NAV-OS")
      const cases: [Record<string, unknown>, number, string][] = [
        [{ type: "gift_card" }, 400, "code is required for a gift card tender"],
        [{ type: "gift_card", code: big.code, amount: 5 }, 400, "give no amount"],
        [{ type: "bitcoin", amount: 5 }, 400, "type is one of cash, card, gift_card, store_credit"],
        [{ type: "gift_card", code: cad.code }, 400, "is in CAD; this sale is in USD"],
        [{ type: "gift_card", code: old.code }, 400, "expired on"],
        [{ type: "gift_card", code: "GIFT-NONE-NONE-NONE-NONE" }, 404, "No gift card has the code ending"],
      ]
      for (const [body, status, message] of cases) {
        const answer = await tender("state", sale.id, body)
        expect([answer.status, answer.data.message]).toEqual([status, expect.stringContaining(message)])
      }
      // after cash, a card holding more than is due would pay more than the sale: refused, nothing on the cart
      await tender("state", sale.id, { type: "cash", amount: 5 })
      const over = await tender("state", sale.id, { type: "gift_card", code: big.code })
      expect(over.status).toBe(400)
      expect(over.data.message).toContain("take gift cards before cash and card")
      const { data } = await api.get(`/terminal/sales/${sale.id}`, as.state)
      expect(data.sale.credit_total).toBe(0)
      expect(data.sale.tenders.map((t: any) => t.type)).toEqual(["cash"])
      // a card that fits in what is still due is taken after cash; taken off again, the sale is as it was
      const small = await tender("state", sale.id, { type: "gift_card", code: byReference("small").code })
      expect(small.status).toBe(200)
      expect(small.data.sale.due).toBeCloseTo(data.sale.due - 5, 2)
      const { data: off } = await api.post(`/terminal/sales/${sale.id}/tenders/${small.data.tender.id}/cancel`, {}, as.state)
      expect(off.tender.status).toBe("canceled")
      expect(off.sale).toMatchObject({ due: data.sale.due, credit_total: 0 })
      const again = await attempt(api.post(`/terminal/sales/${sale.id}/tenders/${small.data.tender.id}/cancel`, {}, as.state))
      expect([again.status, again.data.message]).toEqual([400, `Tender ${small.data.tender.id} is already canceled`])

      // after a card: a gift card would change the cart's total, and Medusa's refresh would release the card's authorization
      const { data: store } = await api.get(`/terminal/stores/${storeKey("state")}`, as.state)
      const reader = store.store.registers.find((r: any) => r.stripe_reader_id === "simulated")
      const { data: cardShift } = await api.post(`/terminal/stores/${storeKey("state")}/shifts`, { register_id: reader.id, opening_float: 0 }, as.state)
      const { data: cardSale } = await api.post(`/terminal/stores/${storeKey("state")}/sales`, { shift_id: cardShift.shift.id }, as.state)
      await scan("state", cardSale.sale.id, "NW-CAP-NAV-OS")
      const card = await tender("state", cardSale.sale.id, { type: "card", amount: 10 })
      await api.post(`/terminal/sales/${cardSale.sale.id}/tenders/${card.data.tender.id}/simulate`, { outcome: "approved" }, as.state)
      const afterCard = await tender("state", cardSale.sale.id, { type: "gift_card", code: byReference("small").code })
      expect(afterCard.status).toBe(400)
      expect(afterCard.data.message).toContain("gift cards and store credit go on and come off before the card")

      const { data: policy } = await api.get(`/terminal/stores/${storeKey("state")}/offline-policy`, as.state)
      expect(policy.policy.tenders_allowed).toEqual(["cash"])
      expect(policy.policy.tenders_not_offered).toEqual(expect.arrayContaining(["gift_card", "store_credit"]))
      expect(policy.policy.note).toContain("Gift cards and store credit are not taken offline")
    })

    it("leaves the loyalty plugin's own storefront flow working: a gift card applied, removed and applied again online, one bought online and spent at a till (paid whole by it), and store credit of a signed-in customer", async () => {
      await shop.setStock("NW-TEE-BLA-M", { dc: 10, state: 10 })
      const container = getContainer()
      const { result: [card] } = await createGiftCardsWorkflow(container).run({
        input: [{ value: 10, currency_code: "usd", reference: "test", reference_id: "storefront", metadata: {} }] as any,
      })
      const key = { headers: { "x-publishable-api-key": demo.publishable_key } }
      const { data: found } = await api.get(`/store/gift-cards/${(card as any).code}`, key)
      expect(found.gift_card.code).toBe((card as any).code)
      const online = await onlineCartWithGiftCard("NW-TEE-BLA-M", (card as any).code)
      expect(Number(online.cart.credit_line_total)).toBe(10)
      const removed = await api.delete(`/store/carts/${online.cartId}/gift-cards`, { ...online.key, data: { code: (card as any).code } })
      expect(Number(removed.data.cart.credit_line_total ?? 0)).toBe(0)
      await api.post(`/store/carts/${online.cartId}/gift-cards`, { code: (card as any).code }, online.key)
      const order = await payAndComplete(online.cartId, online.key)
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({ entity: "order", fields: ["credit_line_total", "gift_cards.id"], filters: { id: order.id } })
      expect(Number((orders[0] as any).credit_line_total)).toBe(10)
      expect((orders[0] as any).gift_cards.map((g: any) => g.id)).toEqual([(card as any).id])

      // a gift card bought in the webshop is issued by the plugin, and spent at a till
      const bought = await onlineCartWithGiftCard(GIFT, null)
      const boughtOrder = await payAndComplete(bought.cartId, bought.key)
      const issued = await waitFor("the online gift card", async () => {
        const { data } = await query.graph({ entity: "gift_card", fields: ["code", "value"], filters: { reference_id: boughtOrder.id } })
        return data[0] as any
      })
      expect(Number(issued.value)).toBe(50)
      const sale = await openSale("state")
      await scan("state", sale.id, "NW-TEE-BLA-M")
      const spent = await tender("state", sale.id, { type: "gift_card", code: issued.code })
      expect(spent.data.sale.due).toBe(0)
      const { data: spentDone } = await api.post(`/terminal/sales/${sale.id}/complete`, {}, as.state)
      expect(spentDone.receipt.tenders).toEqual([expect.objectContaining({ type: "gift_card", amount: spentDone.receipt.order.total })])
      expect((await balanceOf(issued.code)).balance).toBeCloseTo(50 - spentDone.receipt.order.total, 2)

      // store credit of a signed-in customer, through the plugin's route
      const sam = await shop.registeredShopper(`sam-credit-${Date.now()}@example.com`, { first_name: "Sam", last_name: "Saver" })
      const [account] = await container.resolve<any>("store_credit").createStoreCreditAccounts([{ customer_id: sam.id, currency_code: "usd" }])
      await container.resolve<any>("store_credit").creditAccounts([{ account_id: account.id, amount: 7, reference: "test", reference_id: "sam" }])
      const cartId = await shop.prepareCart("NW-TEE-BLA-M", 1, shop.near("state"), { customer: sam.headers })
      const { data: withCredit } = await api.post(`/store/carts/${cartId}/store-credits`, { amount: 7 }, sam.headers)
      expect(Number(withCredit.cart.credit_line_total)).toBe(7)
    })
  },
})
