import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { retryUnroutable } from "../../src/workflows/routing/reroute"
import { expirePickupHolds } from "../../src/workflows/store-tasks/expire-pickup"
import { pickStoreTaskWorkflow } from "../../src/workflows/store-tasks/pick-task"
import { shipStoreTaskWorkflow } from "../../src/workflows/store-tasks/ship-task"
import { adminHeaders } from "../helpers/admin"
import { attempt } from "../helpers/store-network"
import { signInManagers, storeQueue } from "../helpers/store-staff"
import { webshop } from "../helpers/webshop"

jest.setTimeout(180000)

type Headers = { headers: Record<string, string> }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoSummary
    let admin: Headers
    const as: Record<string, Headers> = {}
    const shop = webshop(api, getContainer, () => demo)
    const near = shop.near

    beforeAll(async () => {
      demo = await seedDemo(getContainer())
      admin = await adminHeaders(getContainer(), api)
      Object.assign(as, await signInManagers(api, demo))
    })
    const { tasksOf, waitForTasks } = storeQueue(api, () => demo, as)

    /** The pickup code as the customer gets it: in the newest "ready" message of the order. */
    async function codeSentFor(orderId: string) {
      const sent = await getContainer()
        .resolve(Modules.NOTIFICATION)
        .listNotifications({ resource_id: orderId, template: "pos-pickup-ready" }, { order: { created_at: "DESC" } })
      expect(sent[0]).toMatchObject({ channel: "email", data: { order_id: orderId, pickup_code: expect.stringMatching(/^\d{6}$/) } })
      return sent[0].data!.pickup_code as string
    }

    const failedCheckIns = async (taskId: string) => (await getContainer().resolve<any>("pos").retrievePosStoreTask(taskId)).failed_check_ins

    /** Nothing a staff route answers carries the pickup code or its hash. */
    function expectNoCode(task: any, code: string, hash: string) {
      expect(task).not.toHaveProperty("pickup_code")
      expect(task).not.toHaveProperty("pickup_code_hash")
      expect(Object.values(task)).not.toContain(code)
      expect(JSON.stringify(task)).not.toContain(hash)
    }

    async function readyPickup(sku: string, store: string) {
      const orderId = await shop.placeOnlineOrder(sku, 1, near(store), { pickup: store })
      const [task] = await waitForTasks(store, orderId)
      await api.post(`/terminal/tasks/${task.id}/pick`, {}, as[store])
      const { data: ready } = await api.post(`/terminal/tasks/${task.id}/ready`, {}, as[store])
      return { orderId, task, ready, code: await codeSentFor(orderId) }
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

    it("takes a task action that fails half-way back (a short pick's stock, a shipment's fulfilment), and it can be done again", async () => {
      const SKU = "NW-HEN-CHA-XL"
      await shop.setStock(SKU, { dc: 5, wicker: 2, state: 5 })
      const orderId = await shop.placeOnlineOrder(SKU, 2, near("wicker"))
      const [task] = await waitForTasks("wicker", orderId)
      const pos = getContainer().resolve<any>("pos")
      const before = { stock: await stockAt(SKU, "wicker"), reservations: await reservationsOf(orderId) }
      expect(before).toEqual({ stock: { stocked: 2, reserved: 2 }, reservations: [["wicker", 2]] })

      // a short pick that fails after the stock left the store, before the re-route
      const pick = pickStoreTaskWorkflow(getContainer())
      ;(pick as any).insertActionAfter("record-pos-inventory-discrepancies", "fail-before-reroute", {
        invoke: async () => {
          expect(await stockAt(SKU, "wicker")).toEqual({ stocked: 1, reserved: 1 })
          throw new Error("injected failure before the re-route")
        },
      })
      const picked = await pick.run({
        input: { task_id: task.id, staff_id: "staff_test", lines: [{ line_item_id: task.lines[0].line_item_id, picked: 1 }], reason: "damaged" },
        throwOnError: false,
      })
      expect(picked.errors[0].error.message).toContain("injected failure")
      expect({ stock: await stockAt(SKU, "wicker"), reservations: await reservationsOf(orderId) }).toEqual(before)
      expect(await pos.listPosInventoryDiscrepancies({ task_id: task.id })).toEqual([])
      expect(await pos.retrievePosStoreTask(task.id)).toMatchObject({ status: "open", units: 2 })
      // the task's lock went with the failure: the pick goes through now
      expect((await api.post(`/terminal/tasks/${task.id}/pick`, {}, as.wicker)).data.task).toMatchObject({ status: "picked" })

      // a shipment that fails after the task was marked shipped: Medusa's fulfilment is taken back too
      const ship = shipStoreTaskWorkflow(getContainer())
      ;(ship as any).insertActionAfter("update-pos-store-task", "fail-after-shipped", {
        invoke: async () => {
          throw new Error("injected failure after the shipment")
        },
      })
      const shipped = await ship.run({ input: { task_id: task.id, staff_id: "staff_test", tracking_number: "1Z-FAIL" }, throwOnError: false })
      expect(shipped.errors[0].error.message).toContain("injected failure")
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const fulfillments = async () =>
        ((await query.graph({ entity: "order", fields: ["fulfillments.id", "fulfillments.canceled_at"], filters: { id: orderId } })).data[0] as any)
          .fulfillments as any[]
      expect((await fulfillments()).filter((f) => !f.canceled_at)).toEqual([])
      expect(await stockAt(SKU, "wicker")).toEqual({ stocked: 2, reserved: 2 })
      expect(await pos.retrievePosStoreTask(task.id)).toMatchObject({ status: "picked", fulfillment_id: null, tracking_number: null })

      const { data } = await api.post(`/terminal/tasks/${task.id}/ship`, { tracking_number: "1Z-AGAIN" }, as.wicker)
      expect(data.task).toMatchObject({ status: "shipped", tracking_number: "1Z-AGAIN" })
      expect((await fulfillments()).filter((f) => !f.canceled_at).map((f) => f.id)).toEqual([data.task.fulfillment_id])
      expect(await stockAt(SKU, "wicker")).toEqual({ stocked: 0, reserved: 0 })
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
      expect(ready).toMatchObject({ task: { status: "ready" }, customer_notified: true })
      expect(new Date(ready.task.expires_at).getTime() - new Date(ready.task.ready_at).getTime()).toBe(72 * 3_600_000)
      const code = await codeSentFor(orderId)
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
      // each task with what staff call its order by (the task's read-only link to the order)
      const { data: placed } = await api.get(`/admin/orders/${orderId}?fields=display_id`, admin)
      expect(queue.tasks[0].order).toEqual({ display_id: placed.order.display_id, customer_name: "Sam Shopper" })
      expect(queue.tasks.find((t: any) => t.order_id === otherId)?.order).toMatchObject({ display_id: expect.any(Number) })

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
      await api.post(`/terminal/tasks/${task.id}/ready`, {}, as.evanston)
      const code = await codeSentFor(orderId)
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

    it("counts check-in attempts atomically: a parallel burst of 30 wrong codes checks 5, then the right code is refused", async () => {
      const SKU = "NW-CRW-NAV-S"
      await shop.setStock(SKU, { evanston: 2 })
      const { orderId, task, code } = await readyPickup(SKU, "evanston")
      const wrongCodes = Array.from({ length: 30 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0"))
      const burst = await Promise.all(wrongCodes.map((c) => attempt(api.post(`/store/orders/${orderId}/pickup-arrival`, { pickup_code: c }, shop.key()))))
      expect(burst.every((r) => r.status === 400)).toBe(true)
      const checked = burst.filter((r) => r.data.message.includes("is not the code of this order's pickup"))
      const refused = burst.filter((r) => r.data.message.includes("Too many wrong pickup codes"))
      expect(checked).toHaveLength(5)
      expect(refused).toHaveLength(25)
      expect(await failedCheckIns(task.id)).toBe(5)

      const right = await attempt(api.post(`/store/orders/${orderId}/pickup-arrival`, { pickup_code: code }, shop.key()))
      expect(right.status).toBe(400)
      expect(right.data.message).toContain("Too many wrong pickup codes")
      expect(await failedCheckIns(task.id)).toBe(5)
      const row = await getContainer().resolve<any>("pos").retrievePosStoreTask(task.id)
      expect(row.arrived_at).toBeNull()
    })

    it("compares the pickup code by a keyed hash and keeps it only sealed; staff answers carry neither the code, the hash nor the sealed value", async () => {
      const SKU = "NW-CRW-NAV-L"
      await shop.setStock(SKU, { evanston: 2 })
      const { orderId, task, ready, code } = await readyPickup(SKU, "evanston")
      const pos = getContainer().resolve<any>("pos")
      const row = await pos.retrievePosStoreTask(task.id)
      expect(row).not.toHaveProperty("pickup_code")
      expect(row.pickup_code_hash).toMatch(/^[0-9a-f]{64}$/)
      // not a plain digest of the code: it is keyed with the app's secret
      const { createHash } = await import("node:crypto")
      expect(row.pickup_code_hash).not.toBe(createHash("sha256").update(code).digest("hex"))
      const { rows: columns } = await getContainer()
        .resolve(ContainerRegistrationKeys.PG_CONNECTION)
        .raw(`select column_name from information_schema.columns where table_name = 'pos_store_task' and column_name like 'pickup_code%'`)
      expect(columns.map((c: any) => c.column_name).sort()).toEqual(["pickup_code_hash", "pickup_code_sealed"])
      const hash = row.pickup_code_hash
      // sealed for the signed-in customer's own route: neither the code nor a digest of it in the row
      expect(row.pickup_code_sealed).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
      expect(JSON.stringify(row)).not.toContain(code)
      for (const answer of [ready.task, (await api.get(`/terminal/tasks/${task.id}`, as.evanston)).data.task]) {
        expect(JSON.stringify(answer)).not.toContain(row.pickup_code_sealed)
        expect(answer).not.toHaveProperty("pickup_code_sealed")
      }

      expectNoCode(ready.task, code, hash)
      expectNoCode((await api.get(`/terminal/tasks/${task.id}`, as.evanston)).data.task, code, hash)
      const listed = (await tasksOf("evanston", orderId))[0]
      expect(listed).toMatchObject({ id: task.id, status: "ready" })
      expectNoCode(listed, code, hash)
      const { data: readyList } = await api.get(`/terminal/stores/${demo.store_ids.evanston}/tasks?status=ready`, as.evanston)
      for (const t of readyList.tasks) {
        expect(t).not.toHaveProperty("pickup_code_hash")
      }
      const { data: arrival } = await api.post(`/store/orders/${orderId}/pickup-arrival`, { pickup_code: code }, shop.key())
      expect(JSON.stringify(arrival)).not.toContain(hash)
      expect(await failedCheckIns(task.id)).toBe(0)
      // wrong codes at the counter (staff, signed in) are not limited, each leaves an audit row
      const wrong = code === "777777" ? "888888" : "777777"
      for (let i = 0; i < 6; i++) {
        const refused = await attempt(api.post(`/terminal/tasks/${task.id}/collect`, { pickup_code: wrong }, as.evanston))
        expect(refused.data.message).toContain("is not the code of this order's pickup")
      }
      expect(await pos.listPosAuditLogs({ action: "pickup.code_refused", resource_id: orderId })).toHaveLength(6)
      expect(await failedCheckIns(task.id)).toBe(0)
      const { data: collected } = await api.post(`/terminal/tasks/${task.id}/collect`, { pickup_code: code }, as.evanston)
      expect(collected.task.status).toBe("collected")
      expectNoCode(collected.task, code, hash)
      expectNoCode((await api.get(`/terminal/tasks/${task.id}`, as.evanston)).data.task, code, hash)
    })

    it("counts a wrong code at a store without curbside; a right one there is refused without being counted", async () => {
      const SKU = "NW-HEN-CHA-M"
      await shop.setStock(SKU, { wicker: 2 })
      const { orderId, task, code } = await readyPickup(SKU, "wicker")
      const wrong = code === "333333" ? "444444" : "333333"
      const bad = await attempt(api.post(`/store/orders/${orderId}/pickup-arrival`, { pickup_code: wrong }, shop.key()))
      expect(bad.status).toBe(400)
      expect(bad.data.message).toContain("is not the code of this order's pickup (4 tries left)")
      expect(await failedCheckIns(task.id)).toBe(1)
      const right = await attempt(api.post(`/store/orders/${orderId}/pickup-arrival`, { pickup_code: code }, shop.key()))
      expect(right.status).toBe(400)
      expect(right.data.message).toContain("Northwind Wicker Park does not offer curbside pickup")
      expect(await failedCheckIns(task.id)).toBe(1)
      for (let i = 0; i < 4; i++) {
        await attempt(api.post(`/store/orders/${orderId}/pickup-arrival`, { pickup_code: wrong }, shop.key()))
      }
      expect(await failedCheckIns(task.id)).toBe(5)
      const locked = await attempt(api.post(`/store/orders/${orderId}/pickup-arrival`, { pickup_code: code }, shop.key()))
      expect(locked.data.message).toContain("Too many wrong pickup codes")
    })

    it("marking a ready pickup ready again sends a new code: the old one stops working, the counter restarts, the hold keeps its expiry", async () => {
      const SKU = "NW-HEN-CHA-S"
      await shop.setStock(SKU, { evanston: 2 })
      const { orderId, task, ready, code: first } = await readyPickup(SKU, "evanston")
      const pos = getContainer().resolve<any>("pos")
      const wrong = first === "555555" ? "666666" : "555555"
      for (let i = 0; i < 5; i++) {
        await attempt(api.post(`/store/orders/${orderId}/pickup-arrival`, { pickup_code: wrong }, shop.key()))
      }
      expect(await failedCheckIns(task.id)).toBe(5)
      // a pickup made ready before codes were hashed has none: the counter says what to do
      await pos.updatePosStoreTasks({ id: task.id, pickup_code_hash: null })
      const legacy = await attempt(api.post(`/terminal/tasks/${task.id}/collect`, { pickup_code: first }, as.evanston))
      expect(legacy.status).toBe(400)
      expect(legacy.data.message).toContain("mark it ready again")

      const { data: again } = await api.post(`/terminal/tasks/${task.id}/ready`, {}, as.evanston)
      expect(again).toMatchObject({ task: { status: "ready", expires_at: ready.task.expires_at, failed_check_ins: 0 }, customer_notified: true })
      const second = await codeSentFor(orderId)
      const sent = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ resource_id: orderId, template: "pos-pickup-ready" })
      expect(sent).toHaveLength(2)
      expect(await pos.listPosAuditLogs({ action: "pickup.code_reissued", resource_id: orderId })).toHaveLength(1)
      if (second !== first) {
        const old = await attempt(api.post(`/terminal/tasks/${task.id}/collect`, { pickup_code: first }, as.evanston))
        expect(old.status).toBe(400)
        expect(old.data.message).toContain("is not the code of this order's pickup")
        expect(await pos.listPosAuditLogs({ action: "pickup.code_refused", resource_id: orderId })).toHaveLength(1)
      }
      const { data: arrival } = await api.post(`/store/orders/${orderId}/pickup-arrival`, { pickup_code: second }, shop.key())
      expect(arrival.arrival).toMatchObject({ order_id: orderId })
      const { data } = await api.post(`/terminal/tasks/${task.id}/collect`, { pickup_code: second }, as.evanston)
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
