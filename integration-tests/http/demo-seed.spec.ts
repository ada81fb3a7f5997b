import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { checkGtin } from "../../src/lib/barcode"
import { ADMIN_LOGIN, LOCATIONS, PRODUCTS, planStock } from "../../demo/catalog"
import { seedDemo } from "../../demo/seed"

jest.setTimeout(120000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    describe("the demo retailer seed", () => {
      it("creates the retailer once; a second run creates nothing and changes nothing", async () => {
        const container = getContainer()
        const first = await seedDemo(container)
        expect(first.created).toEqual(expect.arrayContaining(["30 products", "admin user", "publishable key"]))

        const inventory = container.resolve(Modules.INVENTORY)
        const product = container.resolve(Modules.PRODUCT)
        const [levelsBefore, levelCount] = await inventory.listAndCountInventoryLevels({})
        const [, variantCount] = await product.listAndCountProductVariants({})

        const second = await seedDemo(container)
        expect(second.created).toEqual([])
        expect(second.publishable_key).toBe(first.publishable_key)
        expect(second.stock_location_ids).toEqual(first.stock_location_ids)
        const [levelsAfter, levelCountAfter] = await inventory.listAndCountInventoryLevels({})
        expect(levelCountAfter).toBe(levelCount)
        expect(levelsAfter.map((l) => l.stocked_quantity).sort()).toEqual(
          levelsBefore.map((l) => l.stocked_quantity).sort()
        )
        expect((await product.listAndCountProductVariants({}))[1]).toBe(variantCount)

        // The webshop sees the catalogue with the printed publishable key, in dollars.
        const key = { headers: { "x-publishable-api-key": first.publishable_key } }
        const { data: catalogue } = await api.get(
          `/store/products?limit=100&fields=title,variants.sku,variants.barcode,*variants.calculated_price&region_id=${first.region_ids.usd}`,
          key
        )
        expect(catalogue.count).toBe(PRODUCTS.length)
        const variants = catalogue.products.flatMap((p: any) => p.variants)
        expect(variants).toHaveLength(first.variants)
        for (const variant of variants) {
          expect(checkGtin(variant.barcode)).toMatchObject({ valid: true, kind: "EAN-13" })
        }
        const tee = variants.find((v: any) => v.sku === "NW-TEE-BLA-M")
        expect(tee.calculated_price).toMatchObject({ calculated_amount: 28, currency_code: "usd" })

        // Stock sits where the plan says, unevenly.
        const query = container.resolve(ContainerRegistrationKeys.QUERY)
        const stockOf = async (sku: string) => {
          const { data } = await query.graph({
            entity: "product_variant",
            fields: ["inventory_items.inventory.location_levels.*"],
            filters: { sku },
          })
          return Object.fromEntries(
            data[0].inventory_items![0]!.inventory!.location_levels!.map((level: any) => [
              level.location_id,
              level.stocked_quantity,
            ])
          )
        }
        const plan = planStock(PRODUCTS, LOCATIONS)
        const id = first.stock_location_ids
        for (const sku of ["NW-TEE-BLA-XL", "NW-TEE-BLA-S", "NW-TEE-BLA-M", "NW-BNE-BLA-OS"]) {
          const expected = Object.fromEntries(
            plan.filter((row) => row.sku === sku).map((row) => [id[row.location], row.quantity])
          )
          expect(await stockOf(sku)).toEqual(expected)
        }
        expect(Object.keys(await stockOf("NW-TEE-BLA-XL"))).toEqual([id.dc])

        // The printed admin login opens the dashboard API, the plugin's routes included.
        const { data: login } = await api.post("/auth/user/emailpass", {
          email: ADMIN_LOGIN.email,
          password: ADMIN_LOGIN.password,
        })
        const { data: stores } = await api.get("/admin/pos/stores", {
          headers: { authorization: `Bearer ${login.token}` },
        })
        expect(stores.count).toBe(3)
        expect(stores.stores.map((s: any) => s.code).sort()).toEqual(["CHI-STATE", "CHI-WICKER", "EVANSTON"])
        const state = stores.stores.find((s: any) => s.code === "CHI-STATE")
        expect(state.stock_location.id).toBe(first.stock_location_ids.state)

        // The demo passes the go-live readiness check: no error (warnings, such as tills without a reader, allowed).
        const { data: { readiness } } = await api.get("/admin/pos/readiness", { headers: { authorization: `Bearer ${login.token}` } })
        expect({ ready: readiness.ready, errors: readiness.problems.filter((p: any) => p.severity === "error") }).toEqual({ ready: true, errors: [] })

        // Every printed staff login signs in and sees exactly its shop.
        expect(first.staff).toHaveLength(9)
        for (const member of first.staff) {
          const { data: staffLogin } = await api.post("/auth/staff/emailpass", {
            email: member.email,
            password: member.password,
          })
          const { data: me } = await api.get("/terminal/me", {
            headers: { authorization: `Bearer ${staffLogin.token}` },
          })
          expect(me.memberships).toEqual([
            expect.objectContaining({ role: member.role, store: expect.objectContaining({ name: member.store }) }),
          ])
        }
        const { data: registers } = await api.get(`/admin/pos/stores/${state.id}/registers`, {
          headers: { authorization: `Bearer ${login.token}` },
        })
        expect(registers.registers.map((r: any) => r.name)).toEqual(["Till 1", "Till 2", "Till 3"])
      })

      it("keeps the plugin's admin routes closed without an admin token", async () => {
        const response = await api.get("/admin/pos/stores").catch((error: any) => error.response)
        expect(response.status).toBe(401)
      })
    })
  },
})
