import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { STAFF_PASSWORD } from "../../demo/catalog"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { attempt } from "../helpers/store-network"

jest.setTimeout(120000)

// The catalogue a till keeps for selling offline: GET /terminal/stores/:id/catalog.
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoSummary
    let headers: { headers: Record<string, string> }
    let state: string

    beforeEach(async () => {
      demo = await seedDemo(getContainer())
      state = demo.store_ids.state
      const luis = demo.staff.find((s) => s.email.startsWith("luis."))!
      const { data } = await api.post("/auth/staff/emailpass", { email: luis.email, password: STAFF_PASSWORD })
      headers = { headers: { authorization: `Bearer ${data.token}` } }
    })

    async function everything(path: string) {
      const pages: any[] = []
      let after: string | null = null
      do {
        const { data }: { data: any } = await api.get(`${path}${path.includes("?") ? "&" : "?"}limit=25${after ? `&after=${after}` : ""}`, headers)
        pages.push(data)
        after = data.next
      } while (after && pages.length < 50)
      return pages
    }

    it("pages through every sellable variant with its barcode, the store's price and its tax rate", async () => {
      const pages = await everything(`/terminal/stores/${state}/catalog`)
      const variants = pages.flatMap((p) => p.variants)
      expect(pages.length).toBe(Math.ceil(demo.variants / 25))
      expect(variants).toHaveLength(demo.variants)
      expect(new Set(variants.map((v) => v.id)).size).toBe(demo.variants)
      expect(variants.map((v) => v.id)).toEqual([...variants.map((v) => v.id)].sort())
      expect(pages[pages.length - 1].next).toBeNull()
      expect(pages[0].currency_code).toBe("usd")
      const tee = variants.find((v) => v.sku === "NW-TEE-BLA-M")
      expect(tee).toEqual({
        id: expect.stringMatching(/^variant_/),
        sku: "NW-TEE-BLA-M",
        barcode: "2000010001002",
        ean: "2000010001002",
        upc: null,
        title: "M / Black",
        product_title: "Organic Crew Tee",
        price: 28,
        tax_rate: 10.25,
        tax_inclusive: false,
      })
      expect(variants.every((v) => typeof v.price === "number" && v.tax_rate === 10.25)).toBe(true)
    })

    it("sends only what changed since a version: a new price, an unpublished product's variants as removed", async () => {
      const { data: first } = await api.get(`/terminal/stores/${state}/catalog?limit=500`, headers)
      const version = first.version
      const { data: nothing } = await api.get(`/terminal/stores/${state}/catalog?since=${encodeURIComponent(version)}`, headers)
      expect(nothing).toMatchObject({ variants: [], removed: [], next: null })

      const container = getContainer()
      const product = container.resolve(Modules.PRODUCT)
      const pricing = container.resolve(Modules.PRICING)
      const tee = first.variants.find((v: any) => v.sku === "NW-TEE-BLA-M")
      const cap = first.variants.find((v: any) => v.sku === "NW-CAP-NAV-OS")
      await new Promise((resolve) => setTimeout(resolve, 20))
      // A new price for the tee, as a merchant's price change would write it.
      const query = container.resolve("query")
      const { data: links } = await query.graph({ entity: "product_variant_price_set", fields: ["price_set_id"], filters: { variant_id: tee.id } })
      const [usd] = await pricing.listPrices({ price_set_id: links[0].price_set_id, currency_code: "usd" } as any)
      await pricing.updatePriceSets(links[0].price_set_id, { prices: [{ id: usd.id, amount: 26, currency_code: "usd" }] } as any)
      // The cap's product taken off sale.
      const [capVariant] = await product.listProductVariants({ id: cap.id }, { select: ["product_id"] })
      await product.updateProducts(capVariant.product_id!, { status: "draft" })

      const { data: changed } = await api.get(`/terminal/stores/${state}/catalog?since=${encodeURIComponent(version)}`, headers)
      expect(changed.variants.map((v: any) => [v.sku, v.price])).toContainEqual(["NW-TEE-BLA-M", 26])
      expect(changed.variants.find((v: any) => v.sku === "NW-CAP-NAV-OS")).toBeUndefined()
      expect(changed.removed).toContain(cap.id)
      expect(changed.variants.length).toBeLessThan(first.variants.length)
    })

    it("answers bad parameters with 400 naming them, and another store's catalogue with 403", async () => {
      for (const [query, says] of [
        ["limit=0", "limit"],
        ["limit=501", "limit"],
        ["since=yesterday", "since"],
        ["colour=red", "colour"],
      ]) {
        const answer = await attempt(api.get(`/terminal/stores/${state}/catalog?${query}`, headers))
        expect({ query, status: answer.status }).toEqual({ query, status: 400 })
        expect(answer.data.message).toContain(says)
      }
      expect((await attempt(api.get(`/terminal/stores/${demo.store_ids.wicker}/catalog`, headers))).status).toBe(403)
      expect((await attempt(api.get(`/terminal/stores/${state}/catalog`))).status).toBe(401)
    })
  },
})
