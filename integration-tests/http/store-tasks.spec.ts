import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { LOCATIONS } from "../../demo/catalog"
import { expirePickupHolds, retryUnroutable } from "../../src/workflows/routing/task-actions"
import { adminHeaders } from "../helpers/admin"
import { attempt } from "../helpers/store-network"
import { webshop } from "../helpers/webshop"

jest.setTimeout(180000)

type Headers = { headers: Record<string, string> }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoSummary
    let admin: Headers
    const as: Record<string, Headers> = {}
    const shop = webshop(api, getContainer, () => demo)
    const near = (key: string) => {
      const l = LOCATIONS.find((x) => x.key === key)!
      return { latitude: l.latitude, longitude: l.longitude }
    }

    beforeAll(async () => {
      demo = await seedDemo(getContainer())
      admin = await adminHeaders(getContainer(), api)
      for (const [key, name] of [
        ["state", "Northwind State Street"],
        ["wicker", "Northwind Wicker Park"],
        ["evanston", "Northwind Evanston"],
      ]) {
        const member = demo.staff.find((s) => s.store === name && s.role === "manager")!
        const { data } = await api.post("/auth/staff/emailpass", { email: member.email, password: member.password })
        as[key] = { headers: { authorization: `Bearer ${data.token}` } }
      }
    })

    async function tasksOf(store: string, orderId: string) {
      const { data } = await api.get(`/terminal/stores/${demo.store_ids[store]}/tasks`, as[store])
      return (data.tasks as any[]).filter((t) => t.order_id === orderId)
    }

    async function waitForTasks(store: string, orderId: string) {
      for (let i = 0; i < 50; i++) {
        const tasks = await tasksOf(store, orderId)
        if (tasks.length) {
          return tasks
        }
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`no task for order ${orderId} at ${store}`)
    }

    async function stockAt(sku: string, key: string) {
      const inventory = getContainer().resolve(Modules.INVENTORY)
      const { inventory_item_id } = await shop.inventoryItemOf(sku)
      const [level] = await inventory.listInventoryLevels({ inventory_item_id, location_id: demo.stock_location_ids[key] })
      return level ? { stocked: Number(level.stocked_quantity), reserved: Number(level.reserved_quantity) } : null
    }

    async function reservationsOf(orderId: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "order", fields: ["items.id"], filters: { id: orderId } })
      const keyOf = new Map(Object.entries(demo.stock_location_ids).map(([k, id]) => [id, k]))
      const rows = await getContainer()
        .resolve(Modules.INVENTORY)
        .listReservationItems({ line_item_id: (data[0] as any).items.map((i: any) => i.id) })
      return rows.map((r: any) => [keyOf.get(r.location_id), Number(r.quantity)]).sort()
    }

    it("gives the chosen store a ship task; picked and shipped, it becomes Medusa's fulfillment at that store with the tracking number", async () => {
      const SKU = "NW-HEN-OAT-M"
      await shop.setStock(SKU, { dc: 5, wicker: 5 })
      const orderId = await shop.placeOnlineOrder(SKU, 2, near("wicker"))
      const [task] = await waitForTasks("wicker", orderId)
      expect(task).toMatchObject({ kind: "ship", status: "open", units: 2, lines: [expect.objectContaining({ sku: SKU, quantity: 2 })] })

      // another store cannot see or touch it; shipping before picking is refused
      expect((await attempt(api.get(`/terminal/tasks/${task.id}`, as.evanston))).status).toBe(403)
      const early = await attempt(api.post(`/terminal/tasks/${task.id}/ship`, { tracking_number: "1Z999AA10123456784" }, as.wicker))
      expect(early.status).toBe(400)
      expect(early.data.message).toContain("can be shipped only when picked")

      const { data: picked } = await api.post(`/terminal/tasks/${task.id}/pick`, {}, as.wicker)
      expect(picked.task).toMatchObject({ status: "picked" })
      const { data: shipped } = await api.post(`/terminal/tasks/${task.id}/ship`, { tracking_number: "1Z999AA10123456784" }, as.wicker)
      expect(shipped.task).toMatchObject({ status: "shipped", tracking_number: "1Z999AA10123456784" })

      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: ["fulfillments.id", "fulfillments.location_id", "fulfillments.shipped_at", "fulfillments.labels.tracking_number"],
        filters: { id: orderId },
      })
      const [fulfillment] = (data[0] as any).fulfillments
      expect(fulfillment).toMatchObject({ id: shipped.task.fulfillment_id, location_id: demo.stock_location_ids.wicker })
      expect(fulfillment.shipped_at).toBeTruthy()
      expect(fulfillment.labels.map((l: any) => l.tracking_number)).toEqual(["1Z999AA10123456784"])
      expect(await stockAt(SKU, "wicker")).toEqual({ stocked: 3, reserved: 0 })
      expect(await stockAt(SKU, "dc")).toEqual({ stocked: 5, reserved: 0 })
      const twice = await attempt(api.post(`/terminal/tasks/${task.id}/ship`, { tracking_number: "1Z999AA10123456784" }, as.wicker))
      expect(twice.status).toBe(400)
    })

    it("counts a store's daily ship-from-store capacity in the units of its ship tasks", async () => {
      const SKU = "NW-HEN-OAT-L"
      await shop.setStock(SKU, { dc: 5, wicker: 5 })
      const pos = getContainer().resolve<any>("pos")
      const store = await pos.retrievePosStore(demo.store_ids.wicker)
      const today = (await pos.listPosStoreTasks({ store_id: store.id, kind: "ship" })).reduce((s: number, t: any) => s + t.units, 0)
      await pos.updatePosStores({ id: store.id, ship_from_store_capacity: today + 1 })
      try {
        const first = await shop.placeOnlineOrder(SKU, 1, near("wicker"))
        expect((await shop.decisionOf(first, admin)).decision.allocations[0].node_id).toBe(demo.stock_location_ids.wicker)
        const second = await shop.placeOnlineOrder(SKU, 1, near("wicker"))
        const { decision } = await shop.decisionOf(second, admin)
        expect(decision.allocations[0].node_id).toBe(demo.stock_location_ids.dc)
        const capacity = decision.trace.steps.find((s: any) => s.rule === "capacity")
        expect(capacity.dropped).toEqual([{ node_id: demo.stock_location_ids.wicker, reason: "daily ship-from-store capacity used up" }])
      } finally {
        await pos.updatePosStores({ id: store.id, ship_from_store_capacity: store.ship_from_store_capacity })
      }
    })

    it("records a short pick, lowers the store's level, and routes the rest elsewhere with a new trace entry", async () => {
      const SKU = "NW-HEN-CHA-L"
      await shop.setStock(SKU, { dc: 5, wicker: 2, state: 5 })
      const orderId = await shop.placeOnlineOrder(SKU, 2, near("wicker"))
      const [task] = await waitForTasks("wicker", orderId)
      const line = task.lines[0]

      const noReason = await attempt(api.post(`/terminal/tasks/${task.id}/pick`, { lines: [{ line_item_id: line.line_item_id, picked: 1 }] }, as.wicker))
      expect(noReason.status).toBe(400)
      expect(noReason.data.message).toContain("A short pick needs a reason")
      const tooMany = await attempt(api.post(`/terminal/tasks/${task.id}/pick`, { lines: [{ line_item_id: line.line_item_id, picked: 3 }] }, as.wicker))
      expect(tooMany.status).toBe(400)

      const { data } = await api.post(
        `/terminal/tasks/${task.id}/pick`,
        { lines: [{ line_item_id: line.line_item_id, picked: 1 }], reason: "damaged" },
        as.wicker
      )
      expect(data.task).toMatchObject({ status: "picked", units: 1, lines: [expect.objectContaining({ picked: 1, short: 1 })] })
      expect(data.reroute).toMatchObject({ status: "routed", rerouted_from_task_id: task.id })
      // the unit that is not there left Wicker Park's count; the rest is reserved where it was routed
      expect(await stockAt(SKU, "wicker")).toEqual({ stocked: 1, reserved: 1 })
      const pos = getContainer().resolve<any>("pos")
      const [discrepancy] = await pos.listPosInventoryDiscrepancies({ task_id: task.id })
      expect(discrepancy).toMatchObject({ quantity_added: -1, reason: "damaged", location_id: demo.stock_location_ids.wicker })
      const newNode = data.reroute.allocations[0].node_id
      expect(newNode).not.toBe(demo.stock_location_ids.wicker)
      const newKey = Object.entries(demo.stock_location_ids).find(([, id]) => id === newNode)![0]
      expect(await reservationsOf(orderId)).toEqual([[newKey, 1], ["wicker", 1]].sort())
      if (newKey !== "dc") {
        expect((await waitForTasks(newKey, orderId))[0]).toMatchObject({ kind: "ship", units: 1 })
      }
      const { data: routing } = await api.get(`/admin/orders/${orderId}/routing`, admin)
      expect(routing.decision).toMatchObject({ id: data.reroute.id, rerouted_from_task_id: task.id })
      expect(routing.history).toHaveLength(2)
    })

    it("click-and-collect: pinned to the pickup store at its address, ready with a code, curbside arrivals first, handed over once against the code", async () => {
      const SKU = "NW-CRW-NAV-M"
      await shop.setStock(SKU, { dc: 5, evanston: 3 })
      const key = shop.key()
      // the storefront lists where the cart can be collected
      const cartId = await shop.prepareCart(SKU, 1, near("state"), { pickup: "evanston" })
      const { data: listed } = await api.get(`/store/pickup-locations?cart_id=${cartId}`, key)
      const evanstonListing = listed.pickup_locations.find((l: any) => l.store_id === demo.store_ids.evanston)
      expect(evanstonListing).toMatchObject({ has_all_items: true, curbside: true, items: [expect.objectContaining({ available: 3, in_stock: true })] })
      expect(listed.pickup_locations[0].has_all_items).toBe(true)
      const { data: variantsNear } = await api.get(`/store/pickup-locations?variant_ids=${(await shop.inventoryItemOf(SKU)).variant_id}&lat=42.05&lng=-87.68`, key)
      expect(variantsNear.pickup_locations[0]).toMatchObject({ store_id: demo.store_ids.evanston, has_all_items: true })
      expect(variantsNear.pickup_locations[0].distance_km).toBeLessThan(2)
      expect((await attempt(api.get(`/store/pickup-locations?lat=1`, key))).status).toBe(400)

      const orderId = await shop.completeCart(cartId)
      const [task] = await waitForTasks("evanston", orderId)
      expect(task).toMatchObject({ kind: "pickup", status: "open", location_id: demo.stock_location_ids.evanston })
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      for (let i = 0; i < 30; i++) {
        const { data } = await query.graph({ entity: "order", fields: ["shipping_address.address_1"], filters: { id: orderId } })
        if ((data[0] as any).shipping_address.address_1 !== "1 Main St") {
          break
        }
        await new Promise((r) => setTimeout(r, 100))
      }
      const { data: orders } = await query.graph({ entity: "order", fields: ["shipping_address.*"], filters: { id: orderId } })
      const store = await getContainer().resolve<any>("pos").retrievePosStore(demo.store_ids.evanston)
      expect((orders[0] as any).shipping_address).toMatchObject({ address_1: store.address_1, city: store.city, company: store.name })

      // not ready yet: no check-in, no handover
      const earlyArrival = await attempt(api.post(`/store/orders/${orderId}/pickup-arrival`, { pickup_code: "000000" }, key))
      expect(earlyArrival.status).toBe(400)
      expect(earlyArrival.data.message).toContain("is not waiting for pickup")

      await api.post(`/terminal/tasks/${task.id}/pick`, {}, as.evanston)
      const { data: ready } = await api.post(`/terminal/tasks/${task.id}/ready`, {}, as.evanston)
      expect(ready.task).toMatchObject({ status: "ready", pickup_code: expect.stringMatching(/^\d{6}$/) })
      expect(new Date(ready.task.expires_at).getTime() - new Date(ready.task.ready_at).getTime()).toBe(72 * 3_600_000)
      const code = ready.task.pickup_code
      const wrong = code === "123456" ? "654321" : "123456"

      // a second pickup order at Evanston, to see the queue order
      const otherId = await shop.placeOnlineOrder(SKU, 1, near("state"), { pickup: "evanston" })
      await waitForTasks("evanston", otherId)

      const badArrival = await attempt(api.post(`/store/orders/${orderId}/pickup-arrival`, { pickup_code: wrong }, key))
      expect(badArrival.status).toBe(400)
      const otherOrdersCode = await attempt(api.post(`/store/orders/${otherId}/pickup-arrival`, { pickup_code: code }, key))
      expect(otherOrdersCode.status).toBe(400)
      const noKey = await attempt(api.post(`/store/orders/${orderId}/pickup-arrival`, { pickup_code: code }))
      expect(noKey.status).toBe(400)
      const { data: arrival } = await api.post(`/store/orders/${orderId}/pickup-arrival`, { pickup_code: code, note: "Blue van, spot 4" }, key)
      expect(arrival.arrival).toMatchObject({ store: "Northwind Evanston", note: "Blue van, spot 4" })
      const { data: queue } = await api.get(`/terminal/stores/${demo.store_ids.evanston}/tasks`, as.evanston)
      expect(queue.tasks[0]).toMatchObject({ id: task.id, arrival_note: "Blue van, spot 4" })

      const wrongCode = await attempt(api.post(`/terminal/tasks/${task.id}/collect`, { pickup_code: wrong }, as.evanston))
      expect(wrongCode.status).toBe(400)
      expect(wrongCode.data.message).toContain("is not the code of this order's pickup")
      const { data: collected } = await api.post(`/terminal/tasks/${task.id}/collect`, { pickup_code: code }, as.evanston)
      expect(collected.task).toMatchObject({ status: "collected" })
      const again = await attempt(api.post(`/terminal/tasks/${task.id}/collect`, { pickup_code: code }, as.evanston))
      expect(again.status).toBe(400)
      expect(again.data.message).toContain("was already collected")
      const stale = await attempt(api.post(`/store/orders/${orderId}/pickup-arrival`, { pickup_code: code }, key))
      expect(stale.status).toBe(400)

      const { data: fulfilled } = await query.graph({
        entity: "order",
        fields: ["fulfillments.location_id", "fulfillments.delivered_at"],
        filters: { id: orderId },
      })
      expect((fulfilled[0] as any).fulfillments).toEqual([
        expect.objectContaining({ location_id: demo.stock_location_ids.evanston, delivered_at: expect.anything() }),
      ])
      // 3 at Evanston: one handed over, one held for the other order
      expect(await stockAt(SKU, "evanston")).toEqual({ stocked: 2, reserved: 1 })
    })

    it("stops taking check-ins after five wrong pickup codes; the counter still hands the order over", async () => {
      const SKU = "NW-CRW-OAT-L"
      await shop.setStock(SKU, { evanston: 2 })
      const orderId = await shop.placeOnlineOrder(SKU, 1, near("evanston"), { pickup: "evanston" })
      const [task] = await waitForTasks("evanston", orderId)
      await api.post(`/terminal/tasks/${task.id}/pick`, {}, as.evanston)
      const { data: ready } = await api.post(`/terminal/tasks/${task.id}/ready`, {}, as.evanston)
      const code = ready.task.pickup_code
      const wrong = code === "111111" ? "222222" : "111111"
      for (let i = 0; i < 5; i++) {
        expect((await attempt(api.post(`/store/orders/${orderId}/pickup-arrival`, { pickup_code: wrong }, shop.key()))).status).toBe(400)
      }
      const locked = await attempt(api.post(`/store/orders/${orderId}/pickup-arrival`, { pickup_code: code }, shop.key()))
      expect(locked.status).toBe(400)
      expect(locked.data.message).toContain("Too many wrong pickup codes")
      const { data } = await api.post(`/terminal/tasks/${task.id}/collect`, { pickup_code: code }, as.evanston)
      expect(data.task.status).toBe("collected")
    })

    it("releases a pickup nobody collected in the hold period: reservation freed, order canceled (pickup.expired)", async () => {
      const SKU = "NW-CRW-OAT-M"
      await shop.setStock(SKU, { evanston: 3 })
      const orderId = await shop.placeOnlineOrder(SKU, 1, near("evanston"), { pickup: "evanston" })
      const [task] = await waitForTasks("evanston", orderId)
      await api.post(`/terminal/tasks/${task.id}/pick`, {}, as.evanston)
      await api.post(`/terminal/tasks/${task.id}/ready`, {}, as.evanston)
      expect(await expirePickupHolds(getContainer())).not.toContain(task.id)

      const pos = getContainer().resolve<any>("pos")
      await pos.updatePosStoreTasks({ id: task.id, expires_at: new Date(Date.now() - 60_000) })
      expect(await expirePickupHolds(getContainer())).toEqual([task.id])
      expect(await pos.retrievePosStoreTask(task.id)).toMatchObject({ status: "expired" })
      expect(await reservationsOf(orderId)).toEqual([])
      expect(await stockAt(SKU, "evanston")).toEqual({ stocked: 3, reserved: 0 })
      const { data } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "order", fields: ["status"], filters: { id: orderId } })
      expect((data[0] as any).status).toBe("canceled")
      expect(await pos.listPosAuditLogs({ action: "pickup.expired", resource_id: orderId })).toHaveLength(1)
    })

    it("routes an unroutable order again once stock arrives", async () => {
      const SKU = "NW-HEN-OAT-S"
      // only Evanston has it, and Evanston does not ship from store
      await shop.setStock(SKU, { evanston: 3 })
      const orderId = await shop.placeOnlineOrder(SKU, 1, { latitude: 41.9, longitude: -87.7 })
      expect((await shop.decisionOf(orderId, admin)).decision.status).toBe("unroutable")
      expect(await retryUnroutable(getContainer())).not.toContain(orderId)

      const { inventory_item_id } = await shop.inventoryItemOf(SKU)
      await getContainer()
        .resolve(Modules.INVENTORY)
        .createInventoryLevels([{ inventory_item_id, location_id: demo.stock_location_ids.dc, stocked_quantity: 4 }])
      expect(await retryUnroutable(getContainer())).toContain(orderId)
      const { decision, history } = await shop.decisionOf(orderId, admin)
      expect(decision).toMatchObject({ status: "routed", allocations: [expect.objectContaining({ node_id: demo.stock_location_ids.dc })] })
      expect(history).toHaveLength(2)
      expect(await reservationsOf(orderId)).toEqual([["dc", 1]])
    })
  },
})
