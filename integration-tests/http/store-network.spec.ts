import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../src/modules/pos"
import type PosModuleService from "../../src/modules/pos/service"
import { createStoreWorkflow } from "../../src/workflows/store/create-store"
import { createPosStoreStepId } from "../../src/workflows/store/steps/create-pos-store"
import { adminHeaders } from "../helpers/admin"
import { attempt, storeInput } from "../helpers/store-network"

jest.setTimeout(120000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }

    beforeEach(async () => {
      admin = await adminHeaders(getContainer(), api)
    })

    /** Counts of the core records a store creation makes, to prove nothing is left behind. */
    async function coreCounts() {
      const container = getContainer()
      const [, locations] = await container.resolve(Modules.STOCK_LOCATION).listAndCountStockLocations({})
      const [, channels] = await container.resolve(Modules.SALES_CHANNEL).listAndCountSalesChannels({})
      const fulfillment = container.resolve(Modules.FULFILLMENT)
      const [, sets] = await fulfillment.listAndCountFulfillmentSets({})
      const [, options] = await fulfillment.listAndCountShippingOptions({})
      const [, stores] = await container.resolve<PosModuleService>(POS_MODULE).listAndCountPosStores({})
      return { locations, channels, sets, options, stores }
    }

    describe("creating a store", () => {
      it("creates and links the stock location, POS channel, pickup set and pickup option", async () => {
        const container = getContainer()
        const [defaultStore] = await container.resolve(Modules.STORE).listStores({})
        const { status, data } = await api.post(
          "/admin/pos/stores",
          {
            ...storeInput("CHI-STATE", { name: "Northwind State Street" }),
            capabilities: { curbside: true },
            opening_hours: { mon: [["09:00", "19:00"]], sun: [] },
          },
          admin
        )
        expect(status).toBe(200)
        expect(data.store).toMatchObject({
          name: "Northwind State Street",
          code: "CHI-STATE",
          status: "active",
          latitude: 41.8836,
          longitude: -87.6278,
          timezone: "America/Chicago",
          capabilities: { sell: true, pickup: true, curbside: true, ship_from_store: false, returns: true },
          stock_location: { id: data.stock_location_id },
          sales_channel: { id: data.sales_channel_id },
        })

        const query = container.resolve(ContainerRegistrationKeys.QUERY)
        const { data: locations } = await query.graph({
          entity: "stock_location",
          fields: [
            "name",
            "address.*",
            "sales_channels.id",
            "fulfillment_providers.id",
            "fulfillment_sets.type",
            "fulfillment_sets.service_zones.geo_zones.country_code",
            "fulfillment_sets.service_zones.shipping_options.id",
            "fulfillment_sets.service_zones.shipping_options.name",
            "fulfillment_sets.service_zones.shipping_options.provider_id",
          ],
          filters: { id: data.stock_location_id },
        })
        const location = locations[0] as any
        expect(location.name).toBe("Northwind State Street")
        expect(location.address).toMatchObject({ address_1: "112 North State Street", city: "Chicago", country_code: "us" })
        expect(location.sales_channels.map((c: any) => c.id).sort()).toEqual(
          [data.sales_channel_id, defaultStore.default_sales_channel_id].sort()
        )
        expect(location.fulfillment_providers.map((p: any) => p.id)).toEqual(["manual_manual"])
        expect(location.fulfillment_sets).toHaveLength(1)
        const pickupSet = location.fulfillment_sets[0]
        expect(pickupSet.type).toBe("pickup")
        expect(pickupSet.service_zones[0].geo_zones[0].country_code).toBe("us")
        expect(pickupSet.service_zones[0].shipping_options).toEqual([
          { id: data.pickup_shipping_option_id, name: "Pick up at Northwind State Street", provider_id: "manual_manual" },
        ])

        const channel = await container.resolve(Modules.SALES_CHANNEL).retrieveSalesChannel(data.sales_channel_id)
        expect(channel).toMatchObject({ name: "Northwind State Street (POS)", is_disabled: false })
      })

      it("leaves nothing behind when a later step fails", async () => {
        const container = getContainer()
        const before = await coreCounts()

        const workflow = createStoreWorkflow(container)
        workflow.appendAction("fail-after-store", createPosStoreStepId, {
          invoke: async () => {
            throw new Error("injected failure after the store record")
          },
        })
        const { errors } = await workflow.run({ input: storeInput("BROKEN"), throwOnError: false })
        expect(errors[0].error.message).toContain("injected failure")

        expect(await coreCounts()).toEqual(before)
        const [links] = await Promise.all([
          container.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "pos_store", fields: ["id"] }),
        ])
        expect(links.data).toEqual([])

        // The same code is free again, and a normal run still works.
        const { status } = await api.post("/admin/pos/stores", storeInput("BROKEN"), admin)
        expect(status).toBe(200)
      })

      it("answers bad input with 4xx naming the problem", async () => {
        await api.post("/admin/pos/stores", storeInput("DUP"), admin)
        const duplicate = await attempt(api.post("/admin/pos/stores", storeInput("DUP"), admin))
        expect(duplicate.status).toBe(422)
        expect(duplicate.data.message).toContain("DUP")

        const cases: [Record<string, unknown>, RegExp][] = [
          [{ latitude: 91 }, /latitude/],
          [{ longitude: -181 }, /longitude/],
          [{ name: "  " }, /name/],
          [{ capabilities: { teleport: true } }, /teleport/],
          [{ timezone: "Mars/Olympus" }, /timezone/],
          [{ address: { address_1: "x", city: "y", postal_code: "1", country_code: "usa" } }, /country_code/],
          [{ opening_hours: { mon: [["19:00", "09:00"]] } }, /closes after it opens/],
        ]
        for (const [change, message] of cases) {
          const { status, data } = await attempt(
            api.post("/admin/pos/stores", { ...storeInput("BAD"), ...change }, admin)
          )
          expect({ change, status }).toEqual({ change, status: 400 })
          expect(data.message).toMatch(message)
        }

        expect((await attempt(api.get("/admin/pos/stores/str_missing", admin))).status).toBe(404)
        expect((await attempt(api.post("/admin/pos/stores/str_missing/registers", { name: "Till 1" }, admin))).status).toBe(404)
        expect((await attempt(api.post("/admin/pos/stores/str_missing", { name: "X" }, admin))).status).toBe(404)
      })

      it("refuses unknown sales channels before writing anything, and bounds every text field", async () => {
        const before = await coreCounts()
        const unknown = await attempt(
          api.post("/admin/pos/stores", { ...storeInput("NOCHAN"), online_sales_channel_ids: ["sc_01MISSING", "sc_02MISSING"] }, admin)
        )
        expect(unknown.status).toBe(400)
        expect(unknown.data.message).toBe("online_sales_channel_ids: sales channel sc_01MISSING, sc_02MISSING do not exist")
        expect(await coreCounts()).toEqual(before)

        const address = storeInput("LONG").address
        const cases: [Record<string, unknown>, RegExp][] = [
          [{ name: "n".repeat(201) }, /name/],
          [{ name: "n".repeat(20_000) }, /name is longer than 10000 characters/],
          [{ address: { ...address, address_1: "a".repeat(201) } }, /address_1/],
          [{ address: { ...address, address_2: "a".repeat(201) } }, /address_2/],
          [{ address: { ...address, city: "c".repeat(101) } }, /city/],
          [{ address: { ...address, province: "p".repeat(101) } }, /province/],
          [{ address: { ...address, postal_code: "1".repeat(21) } }, /postal_code/],
          [{ address: { ...address, phone: "5".repeat(41) } }, /phone/],
          [{ timezone: "T".repeat(101) }, /timezone/],
          [{ metadata: { note: "m".repeat(10_001) } }, /metadata/],
          [{ ship_from_store_capacity: 2 ** 31 }, /ship_from_store_capacity/],
          [{ online_sales_channel_ids: ["s".repeat(101)] }, /online_sales_channel_ids/],
        ]
        for (const [change, message] of cases) {
          const { status, data } = await attempt(api.post("/admin/pos/stores", { ...storeInput("LONG"), ...change }, admin))
          expect({ change: Object.keys(change)[0], status }).toEqual({ change: Object.keys(change)[0], status: 400 })
          expect(data.message).toMatch(message)
        }
        const { data: created } = await api.post("/admin/pos/stores", storeInput("LONG"), admin)
        const rename = await attempt(api.post(`/admin/pos/stores/${created.store.id}`, { name: "n".repeat(201) }, admin))
        expect(rename.status).toBe(400)
        expect(rename.data.message).toContain("name")
        const register = await attempt(api.post(`/admin/pos/stores/${created.store.id}/registers`, { name: "r".repeat(201) }, admin))
        expect(register.status).toBe(400)
        expect(register.data.message).toContain("name")
      })

      it("refuses control characters anywhere in a request, and lists with a bounded limit", async () => {
        const before = await coreCounts()
        const nul = await attempt(api.post("/admin/pos/stores", storeInput("NUL", { name: "North\u0000wind" }), admin))
        expect(nul.status).toBe(400)
        expect(nul.data.message).toBe("name contains a control character (U+0000); only tab, line feed and carriage return are allowed")
        const nested = await attempt(
          api.post("/admin/pos/stores", { ...storeInput("NUL"), address: { ...storeInput("NUL").address, city: "Chi\u001bcago" } }, admin)
        )
        expect(nested.status).toBe(400)
        expect(nested.data.message).toContain("address.city contains a control character (U+001B)")
        expect(await coreCounts()).toEqual(before)

        const inQuery = await attempt(api.get("/admin/pos/stores?q=ab%00cd", admin))
        expect(inQuery.status).toBe(400)
        expect(inQuery.data.message).toContain("q contains a control character")
        const inPath = await attempt(api.get("/admin/pos/stores/ab%00cd", admin))
        expect(inPath.status).toBe(400)
        expect(inPath.data.message).toContain("control character")
        const asText = await attempt(
          api.post("/admin/pos/stores", JSON.stringify(storeInput("TEXT")), { headers: { ...admin.headers, "content-type": "text/plain" } })
        )
        expect(asText.status).toBe(400)
        expect(asText.data.message).toBe("The request body is JSON (Content-Type: application/json), not text/plain")

        for (const [query, field] of [
          ["limit=-1", "limit"],
          ["limit=0", "limit"],
          ["limit=1001", "limit"],
          ["limit=1e20", "limit"],
          ["limit=abc", "limit"],
          ["offset=-1", "offset"],
          ["offset=1.5", "offset"],
          ["order=-password", "order"],
          ["order=name%3B%20drop%20table%20pos_store", "order"],
        ]) {
          const { status, data } = await attempt(api.get(`/admin/pos/stores?${query}`, admin))
          expect({ query, status }).toEqual({ query, status: 400 })
          expect(data.message).toContain(field)
        }
        const page = await api.get("/admin/pos/stores?limit=1000&offset=0", admin)
        expect(page.data).toMatchObject({ limit: 1000, offset: 0 })

        // Medusa's own routes keep Medusa's own checks: the plugin's apply to its routes only
        const core = await attempt(api.get("/admin/stock-locations?q=ab%00cd", admin))
        expect(core.data?.message ?? "").not.toContain("contains a control character")
      })

      it("answers an unexpected error on its routes with a generic 500: no SQL, driver text or stack", async () => {
        const { data: created } = await api.post("/admin/pos/stores", storeInput("BOOM"), admin)
        const pos = getContainer().resolve<PosModuleService>(POS_MODULE)
        const driverError = Object.assign(
          new Error('insert into "pos_register" ("id") values ($1) - null value in column "store_id" violates not-null constraint'),
          { stack: "Error: insert into\n    at PostgresDriver (/app/node_modules/@mikro-orm/postgresql/index.js:1:1)" }
        )
        const spy = jest.spyOn(pos, "listPosRegisters").mockRejectedValueOnce(driverError)
        try {
          const { status, data } = await attempt(api.get(`/admin/pos/stores/${created.store.id}/registers`, admin))
          expect(status).toBe(500)
          expect(data.type).toBe("unknown_error")
          expect(data.message).toMatch(/^An unexpected error occurred/)
          expect(JSON.stringify(data)).not.toMatch(/insert into|violates|constraint|node_modules|pos_register|at /)
        } finally {
          spy.mockRestore()
        }
        // a MedusaError keeps its answer
        expect((await attempt(api.get("/admin/pos/stores/str_missing/registers", admin))).data.message).toBe("Store str_missing was not found")
      })
    })

    describe("a store's life", () => {
      it("keeps core records in step on rename and move, and disables without deleting", async () => {
        const container = getContainer()
        const { data: created } = await api.post("/admin/pos/stores", storeInput("WCK"), admin)
        const id = created.store.id

        const { data: updated } = await api.post(
          `/admin/pos/stores/${id}`,
          {
            name: "Northwind Wicker Park",
            address: { address_1: "1543 North Milwaukee Avenue", postal_code: "60622" },
            capabilities: { ship_from_store: true },
          },
          admin
        )
        expect(updated.store).toMatchObject({
          name: "Northwind Wicker Park",
          address_1: "1543 North Milwaukee Avenue",
          city: "Chicago",
          capabilities: { sell: true, pickup: true, ship_from_store: true },
        })
        const location = await container.resolve(Modules.STOCK_LOCATION).retrieveStockLocation(created.stock_location_id, {
          relations: ["address"],
        })
        expect(location.name).toBe("Northwind Wicker Park")
        expect(location.address).toMatchObject({ address_1: "1543 North Milwaukee Avenue", postal_code: "60622", city: "Chicago" })
        const fulfillment = container.resolve(Modules.FULFILLMENT)
        const option = await fulfillment.retrieveShippingOption(created.pickup_shipping_option_id, { relations: ["rules"] })
        expect(option.name).toBe("Pick up at Northwind Wicker Park")
        expect((await container.resolve(Modules.SALES_CHANNEL).retrieveSalesChannel(created.sales_channel_id)).name).toBe(
          "Northwind Wicker Park (POS)"
        )

        const enabledRule = async () =>
          (await fulfillment.retrieveShippingOption(created.pickup_shipping_option_id, { relations: ["rules"] })).rules.find(
            (rule) => rule.attribute === "enabled_in_store"
          )!.value

        const { data: disabled } = await api.post(`/admin/pos/stores/${id}/disable`, {}, admin)
        expect(disabled.store.status).toBe("disabled")
        expect((await container.resolve(Modules.SALES_CHANNEL).retrieveSalesChannel(created.sales_channel_id)).is_disabled).toBe(true)
        expect(String(await enabledRule())).toBe("false")
        // History stays: the location and its stock are still there.
        expect((await container.resolve(Modules.STOCK_LOCATION).listStockLocations({ id: created.stock_location_id })).length).toBe(1)

        const { data: enabled } = await api.post(`/admin/pos/stores/${id}/enable`, {}, admin)
        expect(enabled.store.status).toBe("active")
        expect((await container.resolve(Modules.SALES_CHANNEL).retrieveSalesChannel(created.sales_channel_id)).is_disabled).toBe(false)
        expect(String(await enabledRule())).toBe("true")

        const { data: audit } = await api.get(`/admin/pos/audit-log?store_id=${id}`, admin)
        expect(audit.audit_log.map((row: any) => row.action)).toEqual(["store.enabled", "store.disabled"])
      })

      it("deletes a store that never sold anything, and refuses one with orders", async () => {
        const container = getContainer()
        const { data: unused } = await api.post("/admin/pos/stores", storeInput("UNUSED"), admin)
        const { status } = await api.delete(`/admin/pos/stores/${unused.store.id}`, admin)
        expect(status).toBe(200)
        expect(await container.resolve(Modules.STOCK_LOCATION).listStockLocations({ id: unused.stock_location_id })).toEqual([])
        expect((await attempt(api.get(`/admin/pos/stores/${unused.store.id}`, admin))).status).toBe(404)

        const { data: busy } = await api.post("/admin/pos/stores", storeInput("BUSY"), admin)
        await container.resolve(Modules.ORDER).createOrders({
          sales_channel_id: busy.sales_channel_id,
          currency_code: "usd",
          email: "shopper@example.com",
        })
        const refused = await attempt(api.delete(`/admin/pos/stores/${busy.store.id}`, admin))
        expect(refused.status).toBe(400)
        expect(refused.data.message).toContain("disable it instead")
        expect((await api.get(`/admin/pos/stores/${busy.store.id}`, admin)).status).toBe(200)
      })

      it("manages registers: unique names per store, reader ids, 404 for another store's register", async () => {
        const { data: a } = await api.post("/admin/pos/stores", storeInput("REG-A"), admin)
        const { data: b } = await api.post("/admin/pos/stores", storeInput("REG-B"), admin)
        const { status, data } = await api.post(
          `/admin/pos/stores/${a.store.id}/registers`,
          { name: "Till 1", reader_id: "tmr_FAKE123" },
          admin
        )
        expect(status).toBe(200)
        expect(data.register).toMatchObject({ name: "Till 1", stripe_reader_id: "tmr_FAKE123", is_active: true })
        expect((await attempt(api.post(`/admin/pos/stores/${a.store.id}/registers`, { name: "Till 1" }, admin))).status).toBe(422)
        // The same name in another store is fine.
        expect((await api.post(`/admin/pos/stores/${b.store.id}/registers`, { name: "Till 1" }, admin)).status).toBe(200)

        const renamed = await api.post(
          `/admin/pos/stores/${a.store.id}/registers/${data.register.id}`,
          { name: "Front till", reader_id: null },
          admin
        )
        expect(renamed.data.register).toMatchObject({ name: "Front till", stripe_reader_id: null })
        const wrongStore = await attempt(
          api.post(`/admin/pos/stores/${b.store.id}/registers/${data.register.id}`, { name: "Hijack" }, admin)
        )
        expect(wrongStore.status).toBe(404)

        const { data: list } = await api.get(`/admin/pos/stores/${a.store.id}/registers`, admin)
        expect(list.registers.map((r: any) => r.name)).toEqual(["Front till"])
      })
    })
  },
})
