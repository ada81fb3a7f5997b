import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { completeSaleWorkflow } from "../../src/workflows/sale/complete-sale"
import { authorizeTenderPaymentsStepId } from "../../src/workflows/sale/steps/tender-payments"
import { loadStoreContext } from "../../src/workflows/sale/utils/store-context"
import { adminHeaders } from "../helpers/admin"
import { attempt } from "../helpers/store-network"

jest.setTimeout(180000)

type Headers = { headers: Record<string, string> }

const SHIP_TO = {
  first_name: "Dana",
  last_name: "Reyes",
  address_1: "1200 W Fulton Market",
  city: "Chicago",
  province: "IL",
  postal_code: "60607",
  country_code: "US",
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoSummary
    const who: Record<string, Headers> = {}
    const shifts: Record<string, string> = {}

    beforeAll(async () => {
      demo = await seedDemo(getContainer())
      for (const [key, name] of [
        ["state", "Northwind State Street"],
        ["wicker", "Northwind Wicker Park"],
      ]) {
        const member = demo.staff.find((s) => s.store === name && s.role === "associate")!
        const { data } = await api.post("/auth/staff/emailpass", { email: member.email, password: member.password })
        who[key] = { headers: { authorization: `Bearer ${data.token}` } }
        const storeId = demo.store_ids[key]
        const { data: store } = await api.get(`/terminal/stores/${storeId}`, who[key])
        const { data: shift } = await api.post(
          `/terminal/stores/${storeId}/shifts`,
          { register_id: store.store.registers[0].id, opening_float: 100 },
          who[key]
        )
        shifts[key] = shift.shift.id
      }
    })

    async function openSale(key: string) {
      const { data } = await api.post(`/terminal/stores/${demo.store_ids[key]}/sales`, { shift_id: shifts[key] }, who[key])
      return data.sale as { id: string; cart_id: string }
    }

    async function variantOf(sku: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "product_variant",
        fields: ["id", "inventory_items.inventory_item_id"],
        filters: { sku },
      })
      return { id: (data[0] as any).id as string, inventory_item_id: (data[0] as any).inventory_items[0].inventory_item_id as string }
    }

    /** Sets a SKU's stock per node (key → stocked, nothing reserved); a missing key is no level at all. */
    async function setStock(sku: string, levels: Record<string, number>) {
      const inventory = getContainer().resolve(Modules.INVENTORY)
      const { inventory_item_id } = await variantOf(sku)
      const existing = await inventory.listInventoryLevels({ inventory_item_id })
      const reservations = await inventory.listReservationItems({ inventory_item_id })
      if (reservations.length) {
        await inventory.deleteReservationItems(reservations.map((r: any) => r.id))
      }
      if (existing.length) {
        await inventory.deleteInventoryLevels(existing.map((l: any) => l.id))
      }
      await inventory.createInventoryLevels(
        Object.entries(levels).map(([key, stocked]) => ({
          inventory_item_id,
          location_id: demo.stock_location_ids[key],
          stocked_quantity: stocked,
        }))
      )
    }

    /** Stocked and reserved per node key. */
    async function stockOf(sku: string) {
      const inventory = getContainer().resolve(Modules.INVENTORY)
      const { inventory_item_id } = await variantOf(sku)
      const levels = await inventory.listInventoryLevels({ inventory_item_id })
      const byLocation = new Map(levels.map((l: any) => [l.location_id, l]))
      return Object.fromEntries(
        Object.entries(demo.stock_location_ids)
          .filter(([, id]) => byLocation.has(id))
          .map(([key, id]) => {
            const l = byLocation.get(id) as any
            return [key, { stocked: Number(l.stocked_quantity), reserved: Number(l.reserved_quantity) }]
          })
      )
    }

    async function reservationsOf(sku: string) {
      const inventory = getContainer().resolve(Modules.INVENTORY)
      const { inventory_item_id } = await variantOf(sku)
      const keyOf = new Map(Object.entries(demo.stock_location_ids).map(([k, id]) => [id, k]))
      return (await inventory.listReservationItems({ inventory_item_id })).map((r: any) => ({
        node: keyOf.get(r.location_id),
        quantity: Number(r.quantity),
        line_item_id: r.line_item_id as string,
      }))
    }

    async function pay(saleId: string, key: string, amount: number) {
      await api.post(
        `/terminal/sales/${saleId}/tenders`,
        { type: "cash", amount, idempotency_key: `${saleId}-cash` },
        who[key]
      )
    }

    it("ships a line from the nearest node that has it, reserved there at once, and completes with the rest taken home", async () => {
      // State Street has none; Wicker Park (ships from store, nearest) has 2; Evanston (does not ship) 5; the warehouse 1.
      await setStock("NW-TEE-WHI-L", { state: 0, wicker: 2, evanston: 5, dc: 1 })
      const teeBefore = await stockOf("NW-TEE-BLA-M")
      const sale = await openSale("state")

      const tooMany = await attempt(
        api.post(`/terminal/sales/${sale.id}/lines`, { code: "NW-TEE-WHI-L", quantity: 3, fulfillment: "ship", shipping_address: SHIP_TO }, who.state)
      )
      expect(tooMany.status).toBe(400)
      expect(tooMany.data.message).toContain("No node can ship 3 of NW-TEE-WHI-L: the most any one node has is 2")

      const { data } = await api.post(
        `/terminal/sales/${sale.id}/lines`,
        { code: "NW-TEE-WHI-L", fulfillment: "ship", shipping_address: SHIP_TO },
        who.state
      )
      expect(data.source).toMatchObject({ name: "Northwind Wicker Park", kind: "store", store_id: demo.store_ids.wicker })
      // scanning it again for the same destination adds to the line and to the reservation
      const again = await api.post(
        `/terminal/sales/${sale.id}/lines`,
        { code: "NW-TEE-WHI-L", fulfillment: "ship", shipping_address: SHIP_TO },
        who.state
      )
      const shipLine = again.data.sale.lines.find((l: any) => l.sku === "NW-TEE-WHI-L")
      expect(shipLine).toMatchObject({
        quantity: 2,
        fulfillment: "ship",
        source: { location_id: demo.stock_location_ids.wicker, name: "Northwind Wicker Park" },
        ship_to: expect.objectContaining({ city: "Chicago", country_code: "us" }),
      })
      expect(await stockOf("NW-TEE-WHI-L")).toMatchObject({ state: { stocked: 0, reserved: 0 }, wicker: { stocked: 2, reserved: 2 } })

      // The same item taken home is its own line, and the shipped one is not counted as in hand.
      await api.post(`/terminal/sales/${sale.id}/lines`, { code: "NW-TEE-BLA-M" }, who.state)
      const { data: current } = await api.get(`/terminal/sales/${sale.id}`, who.state)
      expect(current.sale.lines.map((l: any) => [l.sku, l.fulfillment, l.quantity]).sort()).toEqual([
        ["NW-TEE-BLA-M", "take", 1],
        ["NW-TEE-WHI-L", "ship", 2],
      ])
      // Taxed and totalled by Medusa with the rest: 3 × 28 with Chicago's 10.25%.
      expect(current.sale).toMatchObject({ subtotal: 84, tax_total: 8.61, total: 92.61 })

      await pay(sale.id, "state", 92.61)
      const { data: done } = await api.post(`/terminal/sales/${sale.id}/complete`, {}, who.state)
      const shipped = done.receipt.lines.find((l: any) => l.sku === "NW-TEE-WHI-L")
      expect(shipped.fulfillment_note).toBe("Ships from Northwind Wicker Park to Chicago 60607")

      // The order carries the shipped line, reserved at Wicker Park against the order line; only the
      // line taken home was fulfilled and delivered at State Street; State Street's count is untouched.
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({
        entity: "order",
        fields: ["items.id", "items.variant_sku", "items.metadata", "fulfillments.location_id", "fulfillments.items.quantity"],
        filters: { id: done.order.id },
      })
      const order = orders[0] as any
      const orderLine = order.items.find((i: any) => i.variant_sku === "NW-TEE-WHI-L")
      expect(orderLine.metadata.pos_endless_aisle).toMatchObject({ fulfillment: "ship", source_location_id: demo.stock_location_ids.wicker })
      // (one reservation per scan, each now keyed to the order line)
      const placed = await reservationsOf("NW-TEE-WHI-L")
      expect(placed.every((r) => r.node === "wicker" && r.line_item_id === orderLine.id)).toBe(true)
      expect(placed.reduce((sum, r) => sum + r.quantity, 0)).toBe(2)
      expect(await stockOf("NW-TEE-WHI-L")).toMatchObject({
        state: { stocked: 0, reserved: 0 },
        wicker: { stocked: 2, reserved: 2 },
        evanston: { stocked: 5, reserved: 0 },
        dc: { stocked: 1, reserved: 0 },
      })
      expect(order.fulfillments).toHaveLength(1)
      expect(order.fulfillments[0].location_id).toBe(demo.stock_location_ids.state)
      const teeAfter = await stockOf("NW-TEE-BLA-M")
      expect(teeAfter.state).toEqual({ stocked: teeBefore.state.stocked - 1, reserved: teeBefore.state.reserved })

      // Completing again is refused; the placement is not done twice.
      expect((await attempt(api.post(`/terminal/sales/${sale.id}/complete`, {}, who.state))).status).toBe(400)
      expect(await reservationsOf("NW-TEE-WHI-L")).toEqual(placed)
    })

    it("sells for pickup at a chosen store: from that store when it has it, otherwise sent there from the nearest node", async () => {
      await setStock("NW-TEE-WHI-S", { evanston: 1, dc: 4, state: 0 })
      const sale = await openSale("state")
      const pickup = { fulfillment: "pickup", pickup_store_id: demo.store_ids.evanston }

      const { data: first } = await api.post(`/terminal/sales/${sale.id}/lines`, { code: "NW-TEE-WHI-S", ...pickup }, who.state)
      // Evanston does not ship from store, but it hands over its own stock.
      expect(first.source).toMatchObject({ name: "Northwind Evanston", store_id: demo.store_ids.evanston })
      const line = first.sale.lines.find((l: any) => l.sku === "NW-TEE-WHI-S")
      expect(line).toMatchObject({ fulfillment: "pickup", pickup_store_id: demo.store_ids.evanston })

      // A line keeps its node: 2 from Evanston, which has 1, is refused and nothing changes.
      const more = await attempt(api.patch(`/terminal/sales/${sale.id}/lines/${line.id}`, { quantity: 2 }, who.state))
      expect(more.status).toBe(400)
      expect(more.data.message).toContain("Only 1 of inventory item")
      expect(await reservationsOf("NW-TEE-WHI-S")).toEqual([{ node: "evanston", quantity: 1, line_item_id: line.id }])

      // Two more for pickup at Evanston come from a node that has them: the warehouse.
      const { data: second } = await api.post(
        `/terminal/sales/${sale.id}/lines`,
        { code: "NW-TEE-WHI-S", quantity: 2, ...pickup },
        who.state
      )
      expect(second.source).toMatchObject({ kind: "warehouse", location_id: demo.stock_location_ids.dc })
      expect((await reservationsOf("NW-TEE-WHI-S")).map((r) => [r.node, r.quantity]).sort()).toEqual([
        ["dc", 2],
        ["evanston", 1],
      ])

      // Quantity down on the warehouse line: its reservation follows. Removing the Evanston line frees it.
      const dcLine = second.sale.lines.find((l: any) => l.source?.location_id === demo.stock_location_ids.dc)
      const { data: fewer } = await api.patch(`/terminal/sales/${sale.id}/lines/${dcLine.id}`, { quantity: 1 }, who.state)
      const newDcLine = fewer.sale.lines.find((l: any) => l.source?.location_id === demo.stock_location_ids.dc)
      expect(newDcLine.quantity).toBe(1)
      await api.delete(`/terminal/sales/${sale.id}/lines/${line.id}`, who.state)
      expect(await reservationsOf("NW-TEE-WHI-S")).toEqual([{ node: "dc", quantity: 1, line_item_id: newDcLine.id }])

      // A voided sale holds nothing anywhere.
      await api.post(`/terminal/sales/${sale.id}/void`, {}, who.state)
      expect(await reservationsOf("NW-TEE-WHI-S")).toEqual([])
      expect(await stockOf("NW-TEE-WHI-S")).toMatchObject({
        evanston: { stocked: 1, reserved: 0 },
        dc: { stocked: 4, reserved: 0 },
      })
    })

    it("gives the last unit at a node to exactly one of two tills reaching for it at once", async () => {
      await setStock("NW-TEE-WHI-XL", { dc: 1 })
      const [a, b] = [await openSale("state"), await openSale("wicker")]
      const results = await Promise.all([
        attempt(api.post(`/terminal/sales/${a.id}/lines`, { code: "NW-TEE-WHI-XL", fulfillment: "ship", shipping_address: SHIP_TO }, who.state)),
        attempt(api.post(`/terminal/sales/${b.id}/lines`, { code: "NW-TEE-WHI-XL", fulfillment: "ship", shipping_address: SHIP_TO }, who.wicker)),
      ])
      expect(results.map((r) => r.status).sort()).toEqual([200, 400])
      const loser = results.find((r) => r.status === 400)!
      expect(loser.data.message).toMatch(/Only 0 of inventory item .* left|No node can ship 1 of NW-TEE-WHI-XL: none has it in stock/)
      const reservations = await reservationsOf("NW-TEE-WHI-XL")
      expect(reservations).toHaveLength(1)
      expect(await stockOf("NW-TEE-WHI-XL")).toEqual({ dc: { stocked: 1, reserved: 1 } })

      // The loser's sale has no such line: nothing half-written.
      const loserSale = results[0].status === 400 ? a : b
      const loserWho = results[0].status === 400 ? who.state : who.wicker
      const { data } = await api.get(`/terminal/sales/${loserSale.id}`, loserWho)
      expect(data.sale.lines).toEqual([])
    })

    it("leaves the store's count and the node's reservation as they were when completion fails part-way", async () => {
      await setStock("NW-PKT-NAV-S", { state: 1, wicker: 2 })
      const sale = await openSale("state")
      await api.post(
        `/terminal/sales/${sale.id}/lines`,
        { code: "NW-PKT-NAV-S", fulfillment: "ship", shipping_address: SHIP_TO, quantity: 2 },
        who.state
      )
      await pay(sale.id, "state", 70.56)
      const before = await stockOf("NW-PKT-NAV-S")
      expect(before).toEqual({ state: { stocked: 1, reserved: 0 }, wicker: { stocked: 2, reserved: 2 } })

      const container = getContainer()
      const context = await loadStoreContext(container, demo.store_ids.state)
      const workflow = completeSaleWorkflow(container)
      // after the order, its reservations and the payments' authorization: all of it is undone
      workflow.appendAction("fail-after-authorization", authorizeTenderPaymentsStepId, {
        invoke: async () => {
          throw new Error("injected failure after the payments' authorization")
        },
      })
      const pos = container.resolve<any>("pos")
      const { errors } = await workflow.run({
        input: {
          sale_id: sale.id,
          store_id: demo.store_ids.state,
          staff_id: (await pos.retrievePosSale(sale.id)).staff_id,
          location_id: context.location_id,
          pickup_shipping_option_id: context.pickup_shipping_option_id!,
        },
        throwOnError: false,
      })
      expect(errors[0].error.message).toContain("injected failure")
      expect(await stockOf("NW-PKT-NAV-S")).toEqual(before)
      expect(await pos.retrievePosSale(sale.id)).toMatchObject({ status: "open", order_id: null })
      // no order is left of it, and its cart is open again
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data: carts } = await query.graph({ entity: "cart", fields: ["completed_at", "order.id"], filters: { id: sale.cart_id } })
      expect(carts[0]).toMatchObject({ completed_at: null })
      expect((carts[0] as any).order ?? null).toBeNull()

      // and the till completes it normally afterwards
      const completed = await attempt(api.post(`/terminal/sales/${sale.id}/complete`, {}, who.state))
      expect(completed.data.message).toBeUndefined()
      expect(completed.data.order.total).toBe(70.56)
      expect(await stockOf("NW-PKT-NAV-S")).toEqual(before)
    })

    it("shows the routing rule set in force to admins, and to nobody else", async () => {
      const admin = await adminHeaders(getContainer(), api)
      const { data } = await api.get("/admin/pos/routing/rules", admin)
      expect(data.rule_set).toMatchObject({ version: "default-1", allow_split_line: false })
      expect(data.rule_set.rules.map((r: any) => r.id)).toEqual([
        "active-nodes",
        "opted-in",
        "capacity",
        "has-stock",
        "pickup-store-first",
        "complete-order",
        "store-within-radius",
        "distance",
      ])
      expect(data.strategies).toContainEqual(expect.objectContaining({ id: "store-within-radius", kind: "ranker" }))
      expect((await attempt(api.get("/admin/pos/routing/rules"))).status).toBe(401)
      expect((await attempt(api.get("/admin/pos/routing/rules", who.state))).status).toBe(401)
    })

    it("takes the source the merchant's rule set gives: a store that has not opted in ships once the rules let it", async () => {
      await setStock("NW-ZIP-HEAGRE-S", { state: 0, wicker: 0, evanston: 3, dc: 0 })
      const sale = await openSale("state")
      const post = () =>
        attempt(api.post(`/terminal/sales/${sale.id}/lines`, { code: "NW-ZIP-HEAGRE-S", fulfillment: "ship", shipping_address: SHIP_TO }, who.state))
      // Evanston does not ship from store under the default rules
      const barred = await post()
      expect(barred.status).toBe(400)
      expect(barred.data.message).toContain("Northwind Evanston has it, but the routing rules in force do not let it send it")

      const admin = await adminHeaders(getContainer(), api)
      const { data: before } = await api.get("/admin/pos/routing/rules", admin)
      const rules = before.rule_set.rules.filter((r: any) => r.id !== "opted-in")
      await api.post("/admin/pos/routing/rules", { rule_set: { ...before.rule_set, version: "no-opt-in", rules } }, admin)
      try {
        const { status, data } = await post()
        expect(status).toBe(200)
        expect(data.source).toMatchObject({ location_id: demo.stock_location_ids.evanston, store_id: demo.store_ids.evanston })
        expect(await reservationsOf("NW-ZIP-HEAGRE-S")).toEqual([expect.objectContaining({ node: "evanston", quantity: 1 })])
      } finally {
        await api.post("/admin/pos/routing/rules", { rule_set: null }, admin)
      }
    })

    it("refuses endless-aisle lines it cannot place, with the reason", async () => {
      await setStock("NW-TEE-WHI-M", { wicker: 3, dc: 0 })
      const sale = await openSale("state")
      const post = (body: Record<string, unknown>) =>
        attempt(api.post(`/terminal/sales/${sale.id}/lines`, { code: "NW-TEE-WHI-M", ...body }, who.state))

      const cases: [Record<string, unknown>, number, string][] = [
        [{ fulfillment: "pickup" }, 400, 'fulfillment "pickup" needs pickup_store_id'],
        [{ fulfillment: "ship" }, 400, 'fulfillment "ship" needs shipping_address'],
        [{ fulfillment: "take", pickup_store_id: demo.store_ids.wicker }, 400, 'pickup_store_id goes with fulfillment "pickup" only'],
        [{ fulfillment: "ship", shipping_address: { ...SHIP_TO, country_code: "USA" } }, 400, "shipping_address.country_code is a two-letter ISO code"],
        [{ fulfillment: "pickup", pickup_store_id: "str_nope" }, 404, "Pickup store str_nope was not found"],
        [{ fulfillment: "ship", shipping_address: SHIP_TO, quantity: 0 }, 400, "quantity"],
      ]
      for (const [body, status, message] of cases) {
        const res = await post(body)
        expect({ body, status: res.status, message: res.data.message }).toEqual({
          body,
          status,
          message: expect.stringContaining(message),
        })
      }

      // A store that is not active is no node: Wicker Park disabled, nobody has it.
      const pos = getContainer().resolve<any>("pos")
      await pos.updatePosStores({ id: demo.store_ids.wicker, status: "disabled" })
      try {
        const none = await post({ fulfillment: "ship", shipping_address: SHIP_TO })
        expect(none.status).toBe(400)
        expect(none.data.message).toContain("No node can ship 1 of NW-TEE-WHI-M: none has it in stock")
        const closed = await post({ fulfillment: "pickup", pickup_store_id: demo.store_ids.wicker })
        expect(closed.status).toBe(400)
        expect(closed.data.message).toContain("does not hand over pickups (it is disabled")
      } finally {
        await pos.updatePosStores({ id: demo.store_ids.wicker, status: "active" })
      }
      const { data } = await api.get(`/terminal/sales/${sale.id}`, who.state)
      expect(data.sale.lines).toEqual([])
      expect(await reservationsOf("NW-TEE-WHI-M")).toEqual([])

      // the same line twice is one line to Medusa: its units count together against the limit
      const limits = pos.settings.limits
      pos.settings.limits = { ...limits, max_line_quantity: 2 }
      try {
        expect((await post({ fulfillment: "ship", shipping_address: SHIP_TO, quantity: 2 })).status).toBe(200)
        const merged = await post({ fulfillment: "ship", shipping_address: SHIP_TO, quantity: 1 })
        expect(merged.status).toBe(400)
        expect(merged.data.message).toContain("limits.max_line_quantity")
      } finally {
        pos.settings.limits = limits
      }
      const { data: after } = await api.get(`/terminal/sales/${sale.id}`, who.state)
      expect(after.sale.lines.map((l: any) => l.quantity)).toEqual([2])
      expect((await api.delete(`/terminal/sales/${sale.id}/lines/${after.sale.lines[0].id}`, who.state)).status).toBe(200)
      // a line that is not on this sale cannot be removed through it
      const foreign = await attempt(api.delete(`/terminal/sales/${sale.id}/lines/cali_not_here`, who.state))
      expect(foreign.status).toBe(404)
      expect(foreign.data.message).toContain("is not on sale")
    })
  },
})
