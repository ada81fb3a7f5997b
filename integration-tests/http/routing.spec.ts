import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { LOCATIONS } from "../../demo/catalog"
import { adminHeaders } from "../helpers/admin"
import { attempt } from "../helpers/store-network"
import { webshop } from "../helpers/webshop"
import { routeOnlineOrder, routeOnlineOrderWorkflow } from "../../src/workflows/routing/route-online-order"
import { retryUnroutable, unroutedOrders } from "../../src/workflows/routing/reroute"

jest.setTimeout(180000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoSummary
    let admin: { headers: Record<string, string> }

    beforeAll(async () => {
      demo = await seedDemo(getContainer())
      admin = await adminHeaders(getContainer(), api)
    })

    const shop = webshop(api, getContainer, () => demo)
    const { inventoryItemOf, setStock, prepareCart, completeCart, placeOnlineOrder } = shop
    const decisionOf = (orderId: string) => shop.decisionOf(orderId, admin)

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


    it("takes a merchant's rule set from the admin API (reordered rules, safety stock) and uses it for the next orders", async () => {
      const { data: before } = await api.get("/admin/pos/routing/rules", admin)
      expect(before.rule_set.version).toBe("default-1")
      const unknown = await attempt(api.post("/admin/pos/routing/rules", { rule_set: { version: "x", rules: [{ id: "cheapest" }] } }, admin))
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toContain('Unknown routing rule "cheapest"')
      const negative = await attempt(api.post("/admin/pos/routing/rules", { rule_set: { version: "x", rules: [{ id: "distance" }], safety_stock: { default: -1 } } }, admin))
      expect(negative.status).toBe(400)

      // Wicker Park keeps 3 units back for its own counter
      const ruleSet = { ...before.rule_set, version: "merchant-2", safety_stock: { nodes: { [demo.stock_location_ids.wicker]: 3 } } }
      const { data: saved } = await api.post("/admin/pos/routing/rules", { rule_set: ruleSet }, admin)
      expect(saved.rule_set).toMatchObject({ version: "merchant-2" })
      try {
        await setStock("NW-RUN-VOL-M", { dc: 5, wicker: 3 })
        const orderId = await placeOnlineOrder("NW-RUN-VOL-M", 1, { latitude: wicker.latitude, longitude: wicker.longitude })
        const { decision } = await decisionOf(orderId)
        expect(decision).toMatchObject({ rule_set_version: "merchant-2", allocations: [expect.objectContaining({ node_id: demo.stock_location_ids.dc })] })
        const pos = getContainer().resolve<any>("pos")
        expect(await pos.listPosAuditLogs({ action: "routing.rules_saved" })).toHaveLength(1)
      } finally {
        const { data: reset } = await api.post("/admin/pos/routing/rules", { rule_set: null }, admin)
        expect(reset.rule_set.version).toBe("default-1")
      }
      expect((await attempt(api.post("/admin/pos/routing/rules", { rule_set: null }))).status).toBe(401)
    })

    it("routes an order once: asked again, even twice at once on the same order, it stores and moves nothing", async () => {
      await setStock("NW-LKF-WHI-M", { dc: 5, wicker: 5 })
      const orderId = await placeOnlineOrder("NW-LKF-WHI-M", 1, { latitude: wicker.latitude, longitude: wicker.longitude })
      const { decision } = await decisionOf(orderId)
      expect(decision.status).toBe("routed")
      const pos = getContainer().resolve<any>("pos")
      const tasks = await pos.listPosStoreTasks({ order_id: orderId })
      expect(tasks).toHaveLength(1)
      const reservations = await reservationNodes("NW-LKF-WHI-M")
      // order.placed delivered again, on two servers at once
      const again = await Promise.all([routeOnlineOrder(getContainer(), orderId), routeOnlineOrder(getContainer(), orderId)])
      expect(again).toEqual([null, null])
      expect(await pos.listPosRoutingDecisions({ order_id: orderId })).toHaveLength(1)
      expect(await pos.listPosStoreTasks({ order_id: orderId })).toHaveLength(1)
      expect(await reservationNodes("NW-LKF-WHI-M")).toEqual(reservations)
      // the scheduled retry leaves a routed order alone too
      expect(await routeOnlineOrder(getContainer(), orderId, { retry: true })).toBeNull()
    })

    it("takes a routing that fails half-way back (the reservations where they were, no decision, no task); the scheduled job routes it", async () => {
      await setStock("NW-LKF-WHI-L", { dc: 5, wicker: 5 })
      const orderId = await placeOnlineOrder("NW-LKF-WHI-L", 1, { latitude: wicker.latitude, longitude: wicker.longitude })
      expect((await decisionOf(orderId)).decision.allocations[0].node_id).toBe(demo.stock_location_ids.wicker)
      // as if the order had just been placed with Medusa's reservation at the warehouse, not routed yet
      const pos = getContainer().resolve<any>("pos")
      const inventory = getContainer().resolve(Modules.INVENTORY)
      await pos.deletePosStoreTasks((await pos.listPosStoreTasks({ order_id: orderId })).map((t: any) => t.id))
      await pos.deletePosRoutingDecisions((await pos.listPosRoutingDecisions({ order_id: orderId })).map((d: any) => d.id))
      const { inventory_item_id } = await inventoryItemOf("NW-LKF-WHI-L")
      const [held] = await inventory.listReservationItems({ inventory_item_id })
      await inventory.deleteReservationItems([held.id])
      await inventory.createReservationItems([
        { line_item_id: held.line_item_id, inventory_item_id, location_id: demo.stock_location_ids.dc, quantity: 1 },
      ])
      expect(await reservationNodes("NW-LKF-WHI-L")).toEqual([["dc", 1]])

      const routing = routeOnlineOrderWorkflow(getContainer())
      ;(routing as any).insertActionAfter("create-pos-routing-tasks", "fail-after-tasks", {
        invoke: async () => {
          // everything was done: the reservation moved, the decision and the task made
          expect(await reservationNodes("NW-LKF-WHI-L")).toEqual([["wicker", 1]])
          expect(await pos.listPosStoreTasks({ order_id: orderId })).toHaveLength(1)
          throw new Error("injected failure after the tasks")
        },
      })
      const failed = await routing.run({ input: { order_id: orderId }, throwOnError: false })
      expect(failed.errors[0].error.message).toContain("injected failure")
      expect(await reservationNodes("NW-LKF-WHI-L")).toEqual([["dc", 1]])
      expect(await pos.listPosRoutingDecisions({ order_id: orderId })).toEqual([])
      expect(await pos.listPosStoreTasks({ order_id: orderId })).toEqual([])

      // the scheduled job routes an online order left without any decision once it is 5 minutes old
      // (the routing lock went with the failure)
      expect(await retryUnroutable(getContainer())).not.toContain(orderId)
      await getContainer()
        .resolve(ContainerRegistrationKeys.PG_CONNECTION)
        .raw(`update "order" set created_at = now() - interval '10 minutes' where id = ?`, [orderId])
      expect(await retryUnroutable(getContainer())).toContain(orderId)
      const [record] = await pos.listPosRoutingDecisions({ order_id: orderId })
      expect(record).toMatchObject({ status: "routed" })
      expect(await reservationNodes("NW-LKF-WHI-L")).toEqual([["wicker", 1]])
      expect(await pos.listPosStoreTasks({ order_id: orderId })).toEqual([expect.objectContaining({ store_id: demo.store_ids.wicker, decision_id: record.id })])
      expect(await retryUnroutable(getContainer())).not.toContain(orderId)

      // an order with nothing left to route (its reservation gone: handed over from Medusa's dashboard)
      // is not looked at again every run; given a reservation back, it is
      const bare = await placeOnlineOrder("NW-LKF-WHI-L", 1, { latitude: wicker.latitude, longitude: wicker.longitude })
      expect((await decisionOf(bare)).decision.status).toBe("routed")
      await pos.deletePosStoreTasks((await pos.listPosStoreTasks({ order_id: bare })).map((t: any) => t.id))
      await pos.deletePosRoutingDecisions((await pos.listPosRoutingDecisions({ order_id: bare })).map((d: any) => d.id))
      const [bareHeld] = (await inventory.listReservationItems({ inventory_item_id })).filter((r: any) => r.line_item_id !== held.line_item_id)
      await inventory.deleteReservationItems([bareHeld.id])
      await getContainer()
        .resolve(ContainerRegistrationKeys.PG_CONNECTION)
        .raw(`update "order" set created_at = now() - interval '2 days' where id = ?`, [bare])
      expect(await unroutedOrders(getContainer())).not.toContain(bare)
      await inventory.createReservationItems([
        { line_item_id: bareHeld.line_item_id, inventory_item_id, location_id: demo.stock_location_ids.dc, quantity: 1 },
      ])
      expect(await unroutedOrders(getContainer())).toContain(bare)
      expect(await retryUnroutable(getContainer())).toContain(bare)
      expect(await unroutedOrders(getContainer())).not.toContain(bare)
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
