import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { LOCATIONS } from "../../demo/catalog"
import { adminHeaders } from "../helpers/admin"
import { attempt } from "../helpers/store-network"

jest.setTimeout(180000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoSummary
    let admin: { headers: Record<string, string> }

    beforeAll(async () => {
      demo = await seedDemo(getContainer())
      admin = await adminHeaders(getContainer(), api)
    })

    async function inventoryItemOf(sku: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "product_variant", fields: ["id", "inventory_items.inventory_item_id"], filters: { sku } })
      return { variant_id: (data[0] as any).id as string, inventory_item_id: (data[0] as any).inventory_items[0].inventory_item_id as string }
    }

    async function setStock(sku: string, levels: Record<string, number>) {
      const inventory = getContainer().resolve(Modules.INVENTORY)
      const { inventory_item_id } = await inventoryItemOf(sku)
      const existing = await inventory.listInventoryLevels({ inventory_item_id })
      if (existing.length) {
        await inventory.deleteInventoryLevels(existing.map((l: any) => l.id))
      }
      await inventory.createInventoryLevels(
        Object.entries(levels).map(([key, stocked]) => ({ inventory_item_id, location_id: demo.stock_location_ids[key], stocked_quantity: stocked }))
      )
    }

    const key = () => ({ headers: { "x-publishable-api-key": demo.publishable_key } })
    let shoppers = 0

    /** A webshop cart of `quantity` of a SKU, to ship to a customer at `point`, ready to complete. */
    async function prepareCart(sku: string, quantity: number, point: { latitude: number; longitude: number }) {
      const key = { headers: { "x-publishable-api-key": demo.publishable_key } }
      const { data: created } = await api.post("/store/carts", { region_id: demo.region_ids.usd }, key)
      const cartId = created.cart.id
      await api.post(`/store/carts/${cartId}/line-items`, { variant_id: (await inventoryItemOf(sku)).variant_id, quantity }, key)
      await api.post(
        `/store/carts/${cartId}`,
        {
          // one shopper per cart: two carts creating the same guest customer at once would collide
          email: `shopper-${++shoppers}@example.com`,
          shipping_address: {
            first_name: "Sam",
            last_name: "Shopper",
            address_1: "1 Main St",
            city: "Chicago",
            province: "us-il",
            postal_code: "60622",
            country_code: "us",
            // the storefront's geocoded point of the address: routing measures distances from it
            metadata: point,
          },
        },
        key
      )
      const { data: options } = await api.get(`/store/shipping-options?cart_id=${cartId}`, key)
      const shipping = options.shipping_options.find((o: any) => /standard/i.test(o.name)) ?? options.shipping_options[0]
      await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: shipping.id }, key)
      const { data: collection } = await api.post("/store/payment-collections", { cart_id: cartId }, key)
      await api.post(`/store/payment-collections/${collection.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, key)
      return cartId as string
    }

    async function completeCart(cartId: string) {
      const { data: placed } = await api.post(`/store/carts/${cartId}/complete`, {}, key())
      return placed.order.id as string
    }

    /** A webshop order of `quantity` of a SKU shipped to a customer at `point`. */
    async function placeOnlineOrder(sku: string, quantity: number, point: { latitude: number; longitude: number }) {
      return await completeCart(await prepareCart(sku, quantity, point))
    }

    /** The routing decision, once the order.placed subscriber made it. */
    async function decisionOf(orderId: string) {
      for (let i = 0; i < 100; i++) {
        const { data } = await api.get(`/admin/orders/${orderId}/routing`, admin)
        if (data.decision) {
          return data
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      throw new Error(`order ${orderId} was not routed`)
    }

    async function reservationNodes(sku: string) {
      const inventory = getContainer().resolve(Modules.INVENTORY)
      const { inventory_item_id } = await inventoryItemOf(sku)
      const keyOf = new Map(Object.entries(demo.stock_location_ids).map(([k, id]) => [id, k]))
      return (await inventory.listReservationItems({ inventory_item_id })).map((r: any) => [keyOf.get(r.location_id), Number(r.quantity)])
    }

    const wicker = LOCATIONS.find((l) => l.key === "wicker")!

    it("routes an online order to the store near the customer, moves its reservation there, and explains why", async () => {
      await setStock("NW-HEN-OAT-M", { dc: 5, wicker: 5, state: 5, evanston: 5 })
      const orderId = await placeOnlineOrder("NW-HEN-OAT-M", 2, { latitude: wicker.latitude, longitude: wicker.longitude })
      const { decision } = await decisionOf(orderId)
      expect(decision).toMatchObject({ status: "routed", rule_set_version: "default-1", shipments: 1 })
      expect(decision.allocations).toEqual([expect.objectContaining({ node_id: demo.stock_location_ids.wicker, quantity: 2 })])
      // Evanston does not ship from store: dropped by the rule, with the reason
      const optedIn = decision.trace.steps.find((s: any) => s.rule === "opted-in")
      expect(optedIn.dropped).toEqual([{ node_id: demo.stock_location_ids.evanston, reason: "not opted in to ship from store" }])
      expect(decision.trace.winners).toEqual([demo.stock_location_ids.wicker])
      // the reservation is at Wicker Park now, and nowhere else
      expect(await reservationNodes("NW-HEN-OAT-M")).toEqual([["wicker", 2]])

      // no token, or a staff token: refused
      expect((await attempt(api.get(`/admin/orders/${orderId}/routing`))).status).toBe(401)
    })

    it("gives the last unit at a node to exactly one of two orders placed at once; the other is routed elsewhere", async () => {
      await setStock("NW-HEN-CHA-M", { wicker: 1, dc: 5 })
      const at = { latitude: wicker.latitude, longitude: wicker.longitude }
      // two checkouts ready, then placed at the same moment: their routing races for the unit
      const carts = [await prepareCart("NW-HEN-CHA-M", 1, at), await prepareCart("NW-HEN-CHA-M", 1, at)]
      const [first, second] = await Promise.all(carts.map(completeCart))
      const decisions = [(await decisionOf(first)).decision, (await decisionOf(second)).decision]
      expect(decisions.map((d) => d.status)).toEqual(["routed", "routed"])
      expect(decisions.map((d) => d.allocations[0].node_id).sort()).toEqual(
        [demo.stock_location_ids.wicker, demo.stock_location_ids.dc].sort()
      )
      expect((await reservationNodes("NW-HEN-CHA-M")).sort()).toEqual([
        ["dc", 1],
        ["wicker", 1],
      ])
    })

    it("never gives work to a disabled store", async () => {
      await setStock("NW-HEN-OAT-L", { dc: 5, wicker: 5, state: 5 })
      const pos = getContainer().resolve<any>("pos")
      await pos.updatePosStores({ id: demo.store_ids.wicker, status: "disabled" })
      try {
        const orderId = await placeOnlineOrder("NW-HEN-OAT-L", 1, { latitude: wicker.latitude, longitude: wicker.longitude })
        const { decision } = await decisionOf(orderId)
        expect(decision.status).toBe("routed")
        expect(decision.allocations[0].node_id).not.toBe(demo.stock_location_ids.wicker)
        const active = decision.trace.steps.find((s: any) => s.rule === "active-nodes")
        expect(active.dropped).toEqual([{ node_id: demo.stock_location_ids.wicker, reason: "disabled" }])
        expect((await reservationNodes("NW-HEN-OAT-L")).map(([node]) => node)).not.toContain("wicker")
      } finally {
        await pos.updatePosStores({ id: demo.store_ids.wicker, status: "active" })
      }
    })

    it("does not route a sale made at a till", async () => {
      const member = demo.staff.find((s) => s.store === "Northwind State Street" && s.role === "associate")!
      const { data: auth } = await api.post("/auth/staff/emailpass", { email: member.email, password: member.password })
      const who = { headers: { authorization: `Bearer ${auth.token}` } }
      const storeId = demo.store_ids.state
      const { data: store } = await api.get(`/terminal/stores/${storeId}`, who)
      const { data: shift } = await api.post(`/terminal/stores/${storeId}/shifts`, { register_id: store.store.registers[0].id, opening_float: 50 }, who)
      const { data: sale } = await api.post(`/terminal/stores/${storeId}/sales`, { shift_id: shift.shift.id }, who)
      const { data: added } = await api.post(`/terminal/sales/${sale.sale.id}/lines`, { code: "NW-TEE-BLA-M" }, who)
      await api.post(`/terminal/sales/${sale.sale.id}/tenders`, { type: "cash", amount: added.sale.total, idempotency_key: `${sale.sale.id}-cash` }, who)
      const { data: done } = await api.post(`/terminal/sales/${sale.sale.id}/complete`, {}, who)
      // give the order.placed subscriber its chance, then look
      await new Promise((resolve) => setTimeout(resolve, 1500))
      const { data } = await api.get(`/admin/orders/${done.order.id}/routing`, admin)
      expect(data).toMatchObject({ decision: null, history: [] })
    })

    it("leaves an order no eligible node can send unroutable, with the reason, keeping what Medusa reserved", async () => {
      // only Evanston has it, and Evanston does not ship from store
      await setStock("NW-HEN-OAT-S", { evanston: 3 })
      const orderId = await placeOnlineOrder("NW-HEN-OAT-S", 1, { latitude: 41.9, longitude: -87.7 })
      const { decision } = await decisionOf(orderId)
      expect(decision).toMatchObject({ status: "unroutable", allocations: [], shipments: 0 })
      expect(decision.reason).toContain("No eligible node")
      expect(await reservationNodes("NW-HEN-OAT-S")).toEqual([["evanston", 1]])
    })


    it("simulates a draft rule set over recent orders without changing anything", async () => {
      await setStock("NW-HEN-CHA-L", { wicker: 4, dc: 4 })
      await setStock("NW-HEN-CHA-S", { evanston: 2 })
      const routedId = await placeOnlineOrder("NW-HEN-CHA-L", 1, { latitude: wicker.latitude, longitude: wicker.longitude })
      const stuckId = await placeOnlineOrder("NW-HEN-CHA-S", 1, { latitude: 41.9, longitude: -87.7 })
      expect((await decisionOf(routedId)).decision.status).toBe("routed")
      expect((await decisionOf(stuckId)).decision.status).toBe("unroutable")

      // what if stores that have not opted in could ship?
      const pos = getContainer().resolve<any>("pos")
      const decisionsBefore = (await pos.listPosRoutingDecisions({})).length
      const reservationsBefore = [await reservationNodes("NW-HEN-CHA-L"), await reservationNodes("NW-HEN-CHA-S")]
      const draft = { version: "draft-no-opt-in", rules: [{ id: "active-nodes" }, { id: "has-stock" }, { id: "complete-order" }, { id: "distance" }] }
      const { data } = await api.post("/admin/pos/routing/simulate", { last: 20, rule_set: draft }, admin)
      const simulation = data.simulation
      expect(simulation).toMatchObject({ rule_set_version: "draft-no-opt-in", orders: 2, routed: 2, unroutable: 0, split_rate: 0 })
      expect(simulation.share_shipped_from_stores).toBe(1)
      expect(simulation.average_distance_km).not.toBeNull()
      expect(simulation.changed).toEqual([
        {
          order_id: stuckId,
          before: { status: "unroutable", allocations: [] },
          after: { status: "routed", allocations: [expect.objectContaining({ node_id: demo.stock_location_ids.evanston, quantity: 1 })] },
        },
      ])
      expect(simulation.node_load.map((n: any) => n.node_id).sort()).toEqual(
        [demo.stock_location_ids.wicker, demo.stock_location_ids.evanston].sort()
      )
      // the same for a given list of orders
      const listed = await api.post("/admin/pos/routing/simulate", { order_ids: [routedId], rule_set: draft }, admin)
      expect(listed.data.simulation).toMatchObject({ orders: 1, changed: [] })
      // nothing moved, nothing stored
      expect([await reservationNodes("NW-HEN-CHA-L"), await reservationNodes("NW-HEN-CHA-S")]).toEqual(reservationsBefore)
      expect((await pos.listPosRoutingDecisions({})).length).toBe(decisionsBefore)

      const bad = await attempt(api.post("/admin/pos/routing/simulate", { rule_set: { rules: [{ id: "teleport" }] } }, admin))
      expect(bad.status).toBe(400)
      expect(bad.data.message).toContain("Unknown routing rule(s): teleport")
      const empty = await attempt(api.post("/admin/pos/routing/simulate", { rule_set: { rules: [] } }, admin))
      expect(empty.status).toBe(400)
      expect((await attempt(api.post("/admin/pos/routing/simulate", { rule_set: draft }))).status).toBe(401)
    })
  },
})
