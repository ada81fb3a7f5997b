import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { adminHeaders } from "../helpers/admin"
import { attempt } from "../helpers/store-network"
import { signInManagers } from "../helpers/store-staff"
import { webshop } from "../helpers/webshop"

jest.setTimeout(180000)

type Headers = { headers: Record<string, string> }

/**
 * Clienteling with consent (docs/customers.md): the till's customer panel shows purchases in every
 * channel, returns, sizes, notes, recently viewed products and suggestions only for the purposes
 * the customer agreed to; every change of consent is kept; every opening is audited; the
 * dashboard exports and erases what the plugin holds.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoSummary
    let admin: Headers
    const as: Record<string, Headers> = {}
    const shop = webshop(api, getContainer, () => demo)
    let stateShift: string

    beforeAll(async () => {
      demo = await seedDemo(getContainer())
      admin = await adminHeaders(getContainer(), api)
      Object.assign(as, await signInManagers(api, demo))
      const { data: store } = await api.get(`/terminal/stores/${demo.store_ids.state}`, as.state)
      const { data: shift } = await api.post(
        `/terminal/stores/${demo.store_ids.state}/shifts`,
        { register_id: store.store.registers[0].id, opening_float: 100 },
        as.state
      )
      stateShift = shift.shift.id
    })

    const shopper = (email: string) => shop.registeredShopper(email)

    /** A counter sale at State Street of one unit of each SKU, with the customer attached. */
    async function tillSale(skus: string[], customerId: string) {
      const { data } = await api.post(`/terminal/stores/${demo.store_ids.state}/sales`, { shift_id: stateShift }, as.state)
      const saleId = data.sale.id
      for (const sku of skus) {
        await api.post(`/terminal/sales/${saleId}/lines`, { code: sku }, as.state)
      }
      const { data: attached } = await api.post(`/terminal/sales/${saleId}/customer`, { customer_id: customerId }, as.state)
      await api.post(`/terminal/sales/${saleId}/tenders`, { type: "cash", amount: attached.sale.due, idempotency_key: `${saleId}-cash` }, as.state)
      const { data: done } = await api.post(`/terminal/sales/${saleId}/complete`, {}, as.state)
      return done.order.id as string
    }

    const profileOf = (customerId: string, who = as.state, store = "state") =>
      attempt(api.get(`/terminal/stores/${demo.store_ids[store]}/customers/${customerId}/profile`, who))

    it("shows only what each consent allows, keeps every change, audits every opening, and a withdrawal takes effect at once", async () => {
      const robin = await shopper(`robin-${Date.now()}@example.com`)
      await shop.setStock("NW-TEE-BLA-M", { dc: 5, state: 5 })
      await shop.setStock("NW-CAP-NAV-OS", { dc: 5, state: 5 })
      const online = await shop.placeOnlineOrder("NW-TEE-BLA-M", 1, shop.near("state"), { customer: robin.headers })
      const inStore = await tillSale(["NW-CAP-NAV-OS"], robin.id)
      // another customer bought the tee with a henley: a suggestion for Robin once they agree to it
      await shop.setStock("NW-HEN-OAT-M", { dc: 5, state: 5 })
      // (two other orders: one would show a stranger's basket)
      for (const n of [1, 2]) {
        const other = await shopper(`other-${n}-${Date.now()}@example.com`)
        await tillSale(["NW-TEE-BLA-M", "NW-HEN-OAT-M"], other.id)
      }
      const henley = (await shop.inventoryItemOf("NW-HEN-OAT-M")).variant_id

      // nothing agreed: what the sale needs, and why the rest is hidden
      const bare = await profileOf(robin.id)
      expect(bare.status).toBe(200)
      expect(bare.data.profile.customer).toMatchObject({ id: robin.id, first_name: "Robin", email: expect.stringContaining("robin-") })
      expect(bare.data.profile).toMatchObject({ purchases: null, returns: null, sizes: null, notes: null, recently_viewed: null, recommendations: null, next_sizes: null })
      expect(bare.data.profile.hidden.map((h: any) => h.section)).toEqual(["purchases", "notes", "views", "recommendations"])
      expect(bare.data.profile.hidden[0].reason).toBe("Purchases, returns and sizes are hidden: the customer has not agreed to purchase history")

      // a view is not kept without browsing_history
      const { data: products } = await api.get(`/admin/products?q=Crew&fields=id,title&limit=1`, admin)
      const viewed = products.products[0]
      const unseen = await api.post("/store/customers/me/product-views", { product_id: viewed.id }, robin.headers)
      expect(unseen.data).toEqual({ recorded: false })
      const notAProduct = await attempt(api.post("/store/customers/me/product-views", { product_id: "prod_anything" }, robin.headers))
      expect(notAProduct.status).toBe(400)
      expect(notAProduct.data.message).toBe("product_id prod_anything is not a product of this shop")

      // the customer agrees in the storefront, with the wording they were shown
      const { data: given } = await api.post(
        "/store/customers/me/pos-consents",
        {
          changes: [
            { purpose: "purchase_history", granted: true, wording: "Let store staff see my purchases" },
            { purpose: "browsing_history", granted: true },
          ],
        },
        robin.headers
      )
      expect(given.consents.find((c: any) => c.purpose === "purchase_history")).toMatchObject({ granted: true, source: "storefront", wording: "Let store staff see my purchases" })
      expect((await api.post("/store/customers/me/product-views", { product_id: viewed.id }, robin.headers)).data).toEqual({ recorded: true })

      const { data: shown } = await api.get(`/terminal/stores/${demo.store_ids.state}/customers/${robin.id}/profile`, as.state)
      const channels = shown.profile.purchases.map((p: any) => [p.order_id, p.channel.kind])
      expect(channels).toEqual(expect.arrayContaining([[online, "online"], [inStore, "store"]]))
      expect(shown.profile.purchases.find((p: any) => p.order_id === inStore).channel.name).toBe("Northwind State Street")
      expect(shown.profile.sizes).toEqual(expect.arrayContaining([{ size: "M", quantity: 1 }]))
      expect(shown.profile.recently_viewed).toEqual([expect.objectContaining({ product_id: viewed.id, title: viewed.title })])
      expect(shown.profile.notes).toEqual([])
      expect(shown.profile.recommendations).toBeNull()
      expect(shown.profile.hidden).toEqual([{ section: "recommendations", reason: expect.stringContaining("has not agreed to recommendations") }])

      // at the till, with the customer there: a note, and suggestions agreed to
      const consentsAt = `/terminal/stores/${demo.store_ids.state}/customers/${robin.id}/consents`
      const absent = await attempt(api.post(consentsAt, { changes: [{ purpose: "recommendations", granted: true }] }, as.state))
      expect(absent.status).toBe(400)
      expect(absent.data.message).toContain("sale_id is the open sale the customer is attached to")
      // the proof the customer is at the counter: an open sale here with them attached
      const { data: counter } = await api.post(`/terminal/stores/${demo.store_ids.state}/sales`, { shift_id: stateShift }, as.state)
      const notAttached = await attempt(api.post(consentsAt, { changes: [{ purpose: "recommendations", granted: true }], sale_id: counter.sale.id }, as.state))
      expect(notAttached.status).toBe(400)
      expect(notAttached.data.message).toContain(`is not an open sale at this store with customer ${robin.id} attached`)
      await api.post(`/terminal/sales/${counter.sale.id}/customer`, { customer_id: robin.id }, as.state)
      const elsewhere = await attempt(
        api.post(`/terminal/stores/${demo.store_ids.evanston}/customers/${robin.id}/consents`, { changes: [{ purpose: "recommendations", granted: true }], sale_id: counter.sale.id }, as.evanston)
      )
      expect(elsewhere.status).toBe(400)
      await api.post(consentsAt, { changes: [{ purpose: "recommendations", granted: true }], sale_id: counter.sale.id }, as.state)
      await api.post(`/terminal/stores/${demo.store_ids.state}/customers/${robin.id}/notes`, { text: "Prefers navy; M in tees" }, as.state)
      // the sizes either side of the tee Robin bought in M: an L here, an S only at Wicker Park
      await shop.setStock("NW-TEE-BLA-L", { dc: 5, state: 3 })
      await shop.setStock("NW-TEE-BLA-S", { dc: 5, wicker: 2 })
      const { data: full } = await api.get(`/terminal/stores/${demo.store_ids.state}/customers/${robin.id}/profile`, as.state)
      expect(full.profile.hidden).toEqual([])
      expect(full.profile.notes).toEqual([expect.objectContaining({ text: "Prefers navy; M in tees", store_id: demo.store_ids.state })])
      const { data: henleys } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "product_variant", fields: ["product.id", "product.title"], filters: { id: henley } })
      const henleyProduct = (henleys[0] as any).product
      expect(full.profile.recommendations).toEqual([{ product_id: henleyProduct.id, title: henleyProduct.title, bought_together: 2 }])
      expect(full.profile.next_sizes).toEqual([
        expect.objectContaining({ title: "Organic Crew Tee", bought_size: "M", size: "S", sku: "NW-TEE-BLA-S", here: 0, nearby: [expect.objectContaining({ name: "Northwind Wicker Park", available: 2 })] }),
        expect.objectContaining({ title: "Organic Crew Tee", bought_size: "M", size: "L", sku: "NW-TEE-BLA-L", here: 3, nearby: [] }),
      ])

      // withdrawn in the storefront: hidden at the very next opening, and no more views kept
      await api.post("/store/customers/me/pos-consents", { changes: [{ purpose: "purchase_history", granted: false }, { purpose: "browsing_history", granted: false }] }, robin.headers)
      const { data: after } = await api.get(`/terminal/stores/${demo.store_ids.state}/customers/${robin.id}/profile`, as.state)
      expect(after.profile).toMatchObject({ purchases: null, notes: null, recently_viewed: null })
      expect(after.profile.hidden.map((h: any) => h.section)).toEqual(["purchases", "notes", "views"])
      expect((await api.post("/store/customers/me/product-views", { product_id: viewed.id }, robin.headers)).data).toEqual({ recorded: false })
      // the views kept before are forgotten with the withdrawal
      expect(await getContainer().resolve<any>("pos").listPosProductViews({ customer_id: robin.id })).toEqual([])

      // every change kept, every opening audited
      const pos = getContainer().resolve<any>("pos")
      const changes = await pos.listPosCustomerConsents({ customer_id: robin.id }, { order: { created_at: "ASC" } })
      // (changes sent together share their time: compared per purpose, in the order they were made)
      const history = (purpose: string) => changes.filter((c: any) => c.purpose === purpose).map((c: any) => [c.granted, c.source, c.recorded_by_type])
      expect(changes).toHaveLength(5)
      expect(history("purchase_history")).toEqual([[true, "storefront", "customer"], [false, "storefront", "customer"]])
      expect(history("browsing_history")).toEqual([[true, "storefront", "customer"], [false, "storefront", "customer"]])
      expect(history("recommendations")).toEqual([[true, "till", "staff"]])
      expect(changes.find((c: any) => c.purpose === "recommendations")).toMatchObject({ recorded_by: expect.stringMatching(/^/), store_id: demo.store_ids.state })
      const views = await pos.listPosAuditLogs({ action: "customer.profile_viewed", resource_id: robin.id })
      expect(views).toHaveLength(4)
      expect(views.every((v: any) => v.store_id === demo.store_ids.state && v.actor_type === "staff")).toBe(true)
      const [tillChange] = await pos.listPosAuditLogs({ action: "customer.consent_changed", resource_id: robin.id })
      expect(tillChange.data).toMatchObject({ source: "till", changes: [{ purpose: "recommendations", granted: true }] })
    })

    it("exports and erases what the plugin holds about a customer from the dashboard; refuses what it should", async () => {
      const sam = await shopper(`sam-${Date.now()}@example.com`)
      const notesAt = `/terminal/stores/${demo.store_ids.state}/customers/${sam.id}/notes`
      const noConsent = await attempt(api.post(notesAt, { text: "Asked for the winter range" }, as.state))
      expect(noConsent.status).toBe(400)
      expect(noConsent.data.message).toBe(`Notes are kept only about a customer who agreed to purchase history; customer ${sam.id} has not`)
      await api.post(
        "/store/customers/me/pos-consents",
        { changes: [{ purpose: "browsing_history", granted: true }, { purpose: "purchase_history", granted: true }] },
        sam.headers
      )
      const { data: products } = await api.get(`/admin/products?q=Cap&fields=id&limit=1`, admin)
      const seen = products.products[0].id
      await api.post("/store/customers/me/product-views", { product_id: seen }, sam.headers)
      await api.post(notesAt, { text: "Asked for the winter range" }, as.state)

      const { data: exported } = await api.get(`/admin/pos/customers/${sam.id}/data`, admin)
      expect(exported.customer).toMatchObject({ id: sam.id })
      expect(exported.consent_changes).toHaveLength(2)
      expect(exported.consent_changes).toEqual(
        expect.arrayContaining([expect.objectContaining({ purpose: "browsing_history", granted: true, source: "storefront", wording: expect.any(String) })])
      )
      expect(exported.notes).toEqual([expect.objectContaining({ text: "Asked for the winter range" })])
      expect(exported.product_views).toEqual([expect.objectContaining({ product_id: seen })])

      const { data: erased } = await api.delete(`/admin/pos/customers/${sam.id}/data`, admin)
      expect(erased.erased).toEqual({ consents: 2, notes: 1, views: 1 })
      const { data: empty } = await api.get(`/admin/pos/customers/${sam.id}/data`, admin)
      expect(empty).toMatchObject({ consent_changes: [], notes: [], product_views: [] })
      expect(empty.consents.every((c: any) => !c.granted && c.changed_at === null)).toBe(true)
      const pos = getContainer().resolve<any>("pos")
      const [audit] = await pos.listPosAuditLogs({ action: "customer.data_erased", resource_id: sam.id })
      expect(audit.data).toEqual({ consents: 2, notes: 1, views: 1 })

      // a customer deleted in Medusa: what the plugin held goes with them, and the export still answers
      const kim = await shopper(`kim-${Date.now()}@example.com`)
      await api.post("/store/customers/me/pos-consents", { changes: [{ purpose: "marketing_contact", granted: true }] }, kim.headers)
      await api.delete(`/admin/customers/${kim.id}`, admin)
      for (let i = 0; i < 50 && (await pos.listPosCustomerConsents({ customer_id: kim.id })).length; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(await pos.listPosCustomerConsents({ customer_id: kim.id })).toEqual([])
      const { data: gone } = await api.get(`/admin/pos/customers/${kim.id}/data`, admin)
      expect(gone).toMatchObject({ customer: { id: kim.id }, consent_changes: [] })
      expect((await pos.listPosAuditLogs({ action: "customer.data_erased", resource_id: kim.id }))[0]).toMatchObject({ actor_type: "system" })

      // refusals: no customer token, no staff token, an unknown customer, a bad purpose, a long note
      expect((await attempt(api.get("/store/customers/me/pos-consents", { headers: { "x-publishable-api-key": demo.publishable_key } }))).status).toBe(401)
      expect((await attempt(api.get(`/terminal/stores/${demo.store_ids.state}/customers/${sam.id}/profile`))).status).toBe(401)
      const unknown = await profileOf("cus_missing")
      expect(unknown.status).toBe(404)
      expect(unknown.data.message).toBe("Customer cus_missing was not found")
      const badPurpose = await attempt(api.post("/store/customers/me/pos-consents", { changes: [{ purpose: "everything", granted: true }] }, sam.headers))
      expect(badPurpose.status).toBe(400)
      expect(badPurpose.data.message).toContain("purpose is one of purchase_history, recommendations, browsing_history, marketing_contact")
      const twice = await attempt(
        api.post("/store/customers/me/pos-consents", { changes: [{ purpose: "marketing_contact", granted: true }, { purpose: "marketing_contact", granted: false }] }, sam.headers)
      )
      expect(twice.status).toBe(400)
      expect(twice.data.message).toContain("changes names each purpose once")
      const long = await attempt(api.post(`/terminal/stores/${demo.store_ids.state}/customers/${sam.id}/notes`, { text: "x".repeat(2001) }, as.state))
      expect(long.status).toBe(400)
      expect(long.data.message).toContain("text has at most 2000 characters")
      // another store's manager cannot open a panel at State Street
      const otherStore = await profileOf(sam.id, as.evanston, "state")
      expect(otherStore.status).toBe(403)
    })
  },
})
