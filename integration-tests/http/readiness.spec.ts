import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createTaxRegionsWorkflow,
  linkProductsToSalesChannelWorkflow,
} from "@medusajs/medusa/core-flows"
import { POS_MODULE } from "../../src/modules/pos"
import type PosModuleService from "../../src/modules/pos/service"
import { gtinCheckDigit } from "../../src/lib/barcode"
import { MAX_PROBLEMS_PER_RULE, READINESS_RULES, type ReadinessReport } from "../../src/lib/readiness"
import { adminHeaders } from "../helpers/admin"
import { attempt, createStaffMember, storeInput, type StaffLogin } from "../helpers/store-network"

jest.setTimeout(120000)

const HOURS = { mon: [["09:00", "18:00"]], tue: [["09:00", "18:00"]], sun: [] }

type VariantSpec = {
  sku: string
  barcode?: string
  ean?: string
  upc?: string
  prices?: { currency_code: string; amount: number; rules?: Record<string, string> }[]
}

// GET /admin/pos/readiness: what a retailer must fix before a store goes live.
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    /** a store with everything it needs: hours, a register, a manager, a product priced and stocked, tax */
    let shop: { store_id: string; location_id: string; pos_channel_id: string; online_channel_id: string }
    let manager: StaffLogin
    let tee: { product_id: string; variant_id: string }

    const container = () => getContainer()
    const pos = () => container().resolve<PosModuleService>(POS_MODULE)

    async function readiness(query = ""): Promise<ReadinessReport> {
      const { status, data } = await api.get(`/admin/pos/readiness${query}`, admin)
      expect(status).toBe(200)
      return data.readiness
    }
    const problemsOf = (report: ReadinessReport, rule: string) => report.problems.filter((p) => p.rule === rule)
    const ruleRow = (report: ReadinessReport, rule: string) => report.rules.find((r) => r.id === rule)!

    /** A published product with one variant per spec (Size option), in the given channels. */
    async function createProduct(title: string, variants: VariantSpec[], channels: string[], status = ProductStatus.PUBLISHED) {
      const { result } = await createProductsWorkflow(container()).run({
        input: {
          products: [
            {
              title,
              status,
              options: [{ title: "Size", values: variants.map((_, i) => `S${i}`) }],
              variants: variants.map((v, i) => ({
                title: `${title} ${i}`,
                sku: v.sku,
                barcode: v.barcode,
                ean: v.ean,
                upc: v.upc,
                manage_inventory: true,
                options: { Size: `S${i}` },
                prices: v.prices ?? [{ currency_code: "usd", amount: 20 }],
              })),
              sales_channels: channels.map((id) => ({ id })),
            },
          ],
        },
      })
      const product = result[0] as any
      // in the order of the specs, whatever order the workflow answers in
      const idOf = (sku: string) => product.variants.find((v: any) => v.sku === sku).id as string
      return { product_id: product.id as string, variant_ids: variants.map((v) => idOf(v.sku)) }
    }

    async function stock(variantId: string, locationId: string, quantity = 5) {
      const query = container().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "product_variant", fields: ["inventory_items.inventory_item_id"], filters: { id: variantId } })
      await createInventoryLevelsWorkflow(container()).run({
        input: {
          inventory_levels: [
            { inventory_item_id: (data[0] as any).inventory_items[0].inventory_item_id, location_id: locationId, stocked_quantity: quantity },
          ],
        },
      })
    }

    let usRegionId: string

    beforeEach(async () => {
      admin = await adminHeaders(container(), api)
      const { data } = await api.post("/admin/pos/stores", { ...storeInput("CHI-READY", { name: "Ready Shop", currency_code: "usd" }), opening_hours: HOURS }, admin)
      const [medusaStore] = await container().resolve(Modules.STORE).listStores({})
      shop = {
        store_id: data.store_id,
        location_id: data.stock_location_id,
        pos_channel_id: data.sales_channel_id,
        online_channel_id: medusaStore.default_sales_channel_id!,
      }
      await api.post(`/admin/pos/stores/${shop.store_id}/registers`, { name: "Till 1" }, admin)
      manager = await createStaffMember(api, admin, "ready.manager@pos.test", [{ store_id: shop.store_id, role: "manager" }])
      await createTaxRegionsWorkflow(container()).run({ input: [{ country_code: "us", provider_id: "tp_system" }] })
      // the region the till sells in: the store's currency, holding its country
      const { result: sellingRegions } = await createRegionsWorkflow(container()).run({
        input: { regions: [{ name: "United States", currency_code: "usd", countries: ["us"] }] },
      })
      usRegionId = sellingRegions[0].id
      const created = await createProduct(
        "Crew Tee",
        [{ sku: "RDY-TEE-M", barcode: "4006381333931", ean: "4006381333931" }],
        [shop.online_channel_id, shop.pos_channel_id]
      )
      tee = { product_id: created.product_id, variant_id: created.variant_ids[0] }
      await stock(tee.variant_id, shop.location_id)
    })

    it("passes a complete store: ready, no problem, every rule counted at zero", async () => {
      const report = await readiness()
      expect(report).toMatchObject({
        ready: true,
        stores: [{ id: shop.store_id, name: "Ready Shop", code: "CHI-READY" }],
        skipped_stores: [],
        problems: [],
      })
      expect(new Date(report.checked_at).getTime()).toBeGreaterThan(Date.now() - 60_000)
      expect(report.rules.map((r) => [r.id, r.problems, r.truncated])).toEqual(READINESS_RULES.map((r) => [r.id, 0, 0]))
      expect(ruleRow(report, "register_reader").severity).toBe("warning")
    })

    it("finds duplicate SKUs ignoring case and spaces, codes shared across barcode, EAN and UPC, and wrong check digits", async () => {
      const other = await createProduct(
        "Other Tee",
        [
          // the same SKU as RDY-TEE-M for a person, not for Medusa's unique index
          // and RDY-TEE-M's barcode (and EAN) as its UPC: Medusa's unique indexes are per field
          { sku: " rdy-tee-m ", upc: "4006381333931" },
          // UPC-A 036000291452 and EAN-13 0036000291452 are one GTIN
          { sku: "RDY-OTHER-1", upc: "036000291452" },
          { sku: "RDY-OTHER-2", ean: "0036000291452" },
          // wrong check digit; an EAN that is no GTIN; a Code 128 barcode is fine
          { sku: "RDY-OTHER-3", barcode: "96385075" },
          { sku: "RDY-OTHER-4", ean: "12345", barcode: "NW-CODE-128" },
        ],
        [shop.online_channel_id, shop.pos_channel_id]
      )
      const [dupSku, upc, ean, wrongDigit, shortEan] = other.variant_ids
      for (const id of other.variant_ids) {
        await stock(id, shop.location_id)
      }
      const variantLink = (productId: string, variantId: string) => `/app/products/${productId}/variants/${variantId}`

      const report = await readiness()
      expect(report.ready).toBe(false)
      expect(problemsOf(report, "duplicate_sku")).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ severity: "error", store_id: null, resource_type: "product_variant", resource_id: tee.variant_id, link: variantLink(tee.product_id, tee.variant_id) }),
          expect.objectContaining({ resource_id: dupSku, link: variantLink(other.product_id, dupSku) }),
        ])
      )
      expect(problemsOf(report, "duplicate_sku")).toHaveLength(2)
      expect(problemsOf(report, "duplicate_sku").find((p) => p.resource_id === tee.variant_id)!.message).toBe(
        'SKU "RDY-TEE-M" of RDY-TEE-M (Crew Tee / Crew Tee 0) is also the SKU of 1 other variant: " rdy-tee-m " (Other Tee)'
      )

      const shared = problemsOf(report, "duplicate_barcode")
      expect(shared.map((p) => p.resource_id).sort()).toEqual([tee.variant_id, dupSku, upc, ean].sort())
      expect(shared.find((p) => p.resource_id === tee.variant_id)!.message).toContain("the barcode and EAN of RDY-TEE-M")
      expect(shared.find((p) => p.resource_id === upc)).toMatchObject({ link: variantLink(other.product_id, upc), store_id: null })

      const invalid = problemsOf(report, "invalid_gtin")
      expect(invalid).toHaveLength(2)
      expect(invalid).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            resource_id: wrongDigit,
            link: variantLink(other.product_id, wrongDigit),
            message: expect.stringContaining("barcode 96385075 has a wrong check digit (the check digit is 5, it should be 4)"),
          }),
          expect.objectContaining({
            resource_id: shortEan,
            link: variantLink(other.product_id, shortEan),
            message: expect.stringContaining("EAN 12345 has 5 digits"),
          }),
        ])
      )

      // fixed where it is cheap: the SKU, the codes
      const product = container().resolve(Modules.PRODUCT)
      await product.updateProductVariants(dupSku, { sku: "RDY-TEE-M-2", upc: null } as any)
      await product.updateProductVariants(upc, { upc: null } as any)
      await product.updateProductVariants(wrongDigit, { barcode: "96385074" })
      await product.updateProductVariants(shortEan, { ean: null } as any)
      const fixed = await readiness()
      expect(fixed).toMatchObject({ ready: true, problems: [] })
    })

    it("finds variants the till cannot price at the store, and products sold online missing from its POS channel", async () => {
      const { result: regions } = await createRegionsWorkflow(container()).run({
        input: {
          regions: [{ name: "Mexico in dollars", currency_code: "usd", countries: ["mx"] }],
        },
      })
      const [mx] = regions
      const us = { id: usRegionId }
      const priced = await createProduct(
        "Priced Elsewhere",
        [
          { sku: "RDY-EUR", prices: [{ currency_code: "eur", amount: 20 }] },
          { sku: "RDY-MX", prices: [{ currency_code: "usd", amount: 20, rules: { region_id: mx.id } }] },
          { sku: "RDY-US", prices: [{ currency_code: "usd", amount: 20, rules: { region_id: us.id } }] },
        ],
        [shop.pos_channel_id]
      )
      const onlineOnly = await createProduct("Online Only", [{ sku: "RDY-WEB" }], [shop.online_channel_id])
      // a draft is not sold anywhere yet
      await createProduct("Draft", [{ sku: "RDY-DRAFT", prices: [] }], [shop.online_channel_id, shop.pos_channel_id], ProductStatus.DRAFT)
      for (const id of [...priced.variant_ids, ...onlineOnly.variant_ids]) {
        await stock(id, shop.location_id)
      }

      const report = await readiness()
      expect(report.ready).toBe(false)
      expect(problemsOf(report, "missing_price")).toHaveLength(2)
      expect(problemsOf(report, "missing_price")).toEqual(expect.arrayContaining([
        expect.objectContaining({
          severity: "error",
          store_id: shop.store_id,
          resource_type: "product_variant",
          resource_id: priced.variant_ids[0],
          link: `/app/products/${priced.product_id}/prices`,
          message: expect.stringContaining("RDY-EUR (Priced Elsewhere / Priced Elsewhere 0) has no price in USD at Ready Shop (CHI-READY)"),
        }),
        expect.objectContaining({ resource_id: priced.variant_ids[1], store_id: shop.store_id }),
      ]))
      expect(problemsOf(report, "missing_from_pos_channel")).toEqual([
        {
          rule: "missing_from_pos_channel",
          severity: "error",
          message: "Online Only is sold online but is not in the POS sales channel of Ready Shop (CHI-READY)",
          store_id: shop.store_id,
          resource_type: "product",
          resource_id: onlineOnly.product_id,
          link: `/app/products/${onlineOnly.product_id}/sales-channels`,
        },
      ])

      const query = container().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "product_variant", fields: ["price_set.id"], filters: { id: priced.variant_ids.slice(0, 2) } })
      await container().resolve(Modules.PRICING).addPrices(
        data.map((v: any) => ({ priceSetId: v.price_set.id, prices: [{ currency_code: "usd", amount: 25 }] }))
      )
      await linkProductsToSalesChannelWorkflow(container()).run({ input: { id: shop.pos_channel_id, add: [onlineOnly.product_id] } })
      expect(await readiness()).toMatchObject({ ready: true, problems: [] })
    })

    it("reports each missing store record with the store's page, and forgets it once fixed", async () => {
      const storeLink = `/app/pos-stores/${shop.store_id}`
      const cases: [string, () => Promise<unknown>, () => Promise<unknown>, string[]][] = [
        [
          "coordinates",
          () => pos().updatePosStores({ id: shop.store_id, latitude: null, longitude: null }),
          () => pos().updatePosStores({ id: shop.store_id, latitude: 41.88, longitude: -87.63 }),
          ["store_coordinates"],
        ],
        [
          "opening hours",
          // every day empty (Medusa merges JSON on update: a day left out keeps its hours)
          () => api.post(`/admin/pos/stores/${shop.store_id}`, { opening_hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }, admin),
          () => api.post(`/admin/pos/stores/${shop.store_id}`, { opening_hours: HOURS }, admin),
          ["store_opening_hours"],
        ],
        [
          "the only member deactivated",
          () => pos().updatePosStaffs({ id: manager.id, is_active: false }),
          () => pos().updatePosStaffs({ id: manager.id, is_active: true }),
          ["store_staff", "store_manager"],
        ],
        [
          "no manager",
          () => api.post(`/admin/pos/stores/${shop.store_id}/staff`, { staff_id: manager.id, role: "associate" }, admin),
          () => api.post(`/admin/pos/stores/${shop.store_id}/staff`, { staff_id: manager.id, role: "manager" }, admin),
          ["store_manager"],
        ],
        [
          "the only register inactive",
          async () => {
            const [register] = await pos().listPosRegisters({ store_id: shop.store_id })
            await api.post(`/admin/pos/stores/${shop.store_id}/registers/${register.id}`, { is_active: false }, admin)
          },
          async () => {
            const [register] = await pos().listPosRegisters({ store_id: shop.store_id })
            await api.post(`/admin/pos/stores/${shop.store_id}/registers/${register.id}`, { is_active: true }, admin)
          },
          ["store_registers"],
        ],
      ]
      for (const [what, breakIt, fixIt, rules] of cases) {
        await breakIt()
        const report = await readiness()
        expect({ what, ready: report.ready, problems: report.problems.map((p) => [p.rule, p.severity, p.store_id, p.resource_type, p.resource_id, p.link]) }).toEqual({
          what,
          ready: false,
          problems: rules.map((rule) => [rule, "error", shop.store_id, "pos_store", shop.store_id, storeLink]),
        })
        await fixIt()
        expect({ what, ...(await readiness()) }).toMatchObject({ what, ready: true, problems: [] })
      }
    })

    it("warns about registers without a card reader only when Stripe Terminal is configured", async () => {
      const settings = pos().settings.stripe_terminal
      const before = settings.api_key
      try {
        settings.api_key = undefined
        expect((await readiness()).problems).toEqual([])

        settings.api_key = "sk_test_readiness"
        const [register] = await pos().listPosRegisters({ store_id: shop.store_id })
        const report = await readiness()
        expect(report.ready).toBe(true)
        expect(report.problems).toEqual([
          {
            rule: "register_reader",
            severity: "warning",
            message: "Register Till 1 of Ready Shop (CHI-READY) has no card reader: it takes cash only",
            store_id: shop.store_id,
            resource_type: "pos_register",
            resource_id: register.id,
            link: `/app/pos-stores/${shop.store_id}`,
          },
        ])
        await api.post(`/admin/pos/stores/${shop.store_id}/registers/${register.id}`, { reader_id: "tmr_readiness" }, admin)
        expect((await readiness()).problems).toEqual([])
      } finally {
        settings.api_key = before
      }
    })

    it("reports a country with no tax region and a stock location holding nothing", async () => {
      const tax = container().resolve(Modules.TAX)
      const [usTax] = await tax.listTaxRegions({ country_code: "us" })
      await tax.deleteTaxRegions([usTax.id])
      const inventory = container().resolve(Modules.INVENTORY)
      const levels = await inventory.listInventoryLevels({ location_id: shop.location_id })
      await inventory.deleteInventoryLevels(levels.map((l) => l.id))

      const report = await readiness()
      expect(report.ready).toBe(false)
      expect(report.problems.map((p) => [p.rule, p.store_id, p.resource_type, p.resource_id, p.link])).toEqual([
        ["store_tax_region", shop.store_id, "tax_region", null, "/app/settings/tax-regions"],
        ["location_stock", shop.store_id, "stock_location", shop.location_id, `/app/settings/locations/${shop.location_id}`],
      ])
      expect(problemsOf(report, "store_tax_region")[0].message).toContain("is in US, which has no tax region")

      await createTaxRegionsWorkflow(container()).run({ input: [{ country_code: "us", provider_id: "tp_system" }] })
      await stock(tee.variant_id, shop.location_id)
      expect(await readiness()).toMatchObject({ ready: true, problems: [] })
    })

    it("reports a store whose currency no region sells in (its tills cannot sell), instead of pricing it", async () => {
      await api.post(`/admin/pos/stores/${shop.store_id}`, { currency_code: "jpy" }, admin)
      const report = await readiness()
      expect(report.ready).toBe(false)
      expect(report.problems.map((p) => [p.rule, p.store_id, p.link])).toEqual([["store_region", shop.store_id, "/app/settings/regions"]])
      expect(problemsOf(report, "store_region")[0].message).toContain("No region sells in JPY")
      await api.post(`/admin/pos/stores/${shop.store_id}`, { currency_code: "usd" }, admin)
      expect(await readiness()).toMatchObject({ ready: true, problems: [] })
    })

    it("skips disabled stores; with store_id checks that store only, and still the whole catalogue", async () => {
      const { data: bare } = await api.post("/admin/pos/stores", storeInput("BARE", { name: "Bare Shop" }), admin)
      const all = await readiness()
      expect(all.ready).toBe(false)
      expect(all.stores.map((s) => s.code)).toEqual(["BARE", "CHI-READY"])
      const bareRules = new Set(all.problems.filter((p) => p.store_id === bare.store_id).map((p) => p.rule))
      expect([...bareRules].sort()).toEqual(["location_stock", "missing_from_pos_channel", "store_manager", "store_opening_hours", "store_region", "store_registers", "store_staff"])
      expect(all.problems.every((p) => p.store_id === bare.store_id)).toBe(true)

      // one store: its own rules, and the catalogue's (a duplicate SKU belongs to no store)
      await createProduct("Clash", [{ sku: "rdy-tee-m" }], [shop.online_channel_id, shop.pos_channel_id])
      const one = await readiness(`?store_id=${shop.store_id}`)
      expect(one.stores).toEqual([{ id: shop.store_id, name: "Ready Shop", code: "CHI-READY" }])
      expect(one.problems.map((p) => [p.rule, p.store_id])).toEqual([
        ["duplicate_sku", null],
        ["duplicate_sku", null],
        // the clash's variant has no stock anywhere, which no rule asks for; its product is in the POS channel and priced
      ])

      await api.post(`/admin/pos/stores/${bare.store_id}/disable`, {}, admin)
      const withoutBare = await readiness()
      expect(withoutBare.stores.map((s) => s.code)).toEqual(["CHI-READY"])
      expect(withoutBare.skipped_stores).toEqual([
        { id: bare.store_id, name: "Bare Shop", code: "BARE", reason: "disabled: only active stores go live" },
      ])
      expect(withoutBare.problems.map((p) => p.rule)).toEqual(["duplicate_sku", "duplicate_sku"])
      const disabledOnly = await readiness(`?store_id=${bare.store_id}`)
      expect(disabledOnly.stores).toEqual([])
      expect(disabledOnly.skipped_stores.map((s) => s.id)).toEqual([bare.store_id])
    })

    it("lists at most 200 problems per rule and counts the rest", async () => {
      // one product, 203 variants with (distinct) wrong check digits, written straight to the product module
      const count = MAX_PROBLEMS_PER_RULE + 3
      const wrongCode = (i: number) => {
        const body = `20000990${String(i).padStart(4, "0")}`
        return `${body}${(gtinCheckDigit(body) + 1) % 10}`
      }
      await container()
        .resolve(Modules.PRODUCT)
        .createProducts({
          title: "Many",
          status: ProductStatus.PUBLISHED,
          options: [{ title: "N", values: Array.from({ length: count }, (_, i) => `n${i}`) }],
          variants: Array.from({ length: count }, (_, i) => ({
            title: `Many ${i}`,
            sku: `RDY-MANY-${i}`,
            barcode: wrongCode(i),
            options: { N: `n${i}` },
          })),
        })
      const report = await readiness()
      expect(ruleRow(report, "invalid_gtin")).toMatchObject({ problems: count, truncated: 3 })
      expect(problemsOf(report, "invalid_gtin")).toHaveLength(MAX_PROBLEMS_PER_RULE)
    })

    it("is for admins only, and answers unknown and malformed store ids with 404 and 400", async () => {
      expect((await attempt(api.get("/admin/pos/readiness"))).status).toBe(401)
      expect((await attempt(api.get("/admin/pos/readiness", manager.headers))).status).toBe(401)

      const unknown = await attempt(api.get("/admin/pos/readiness?store_id=str_01UNKNOWN", admin))
      expect(unknown).toMatchObject({ status: 404, data: { message: "Store str_01UNKNOWN was not found" } })

      const bad: [string, RegExp][] = [
        ["?store_id=", /store_id/],
        [`?store_id=${"x".repeat(101)}`, /store_id/],
        ["?store_id[]=a&store_id[]=b", /store_id/],
        ["?other=1", /other/],
      ]
      for (const [query, message] of bad) {
        const { status, data } = await attempt(api.get(`/admin/pos/readiness${query}`, admin))
        expect({ query, status }).toEqual({ query, status: 400 })
        expect(data.message).toMatch(message)
      }
    })
  },
})
