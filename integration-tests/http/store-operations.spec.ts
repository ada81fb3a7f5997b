import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { adminHeaders } from "../helpers/admin"
import { attempt } from "../helpers/store-network"
import { pickupCodeSentFor, signInManagers, storeQueue } from "../helpers/store-staff"
import { webshop } from "../helpers/webshop"
import { unparkStaleReservations } from "../../src/workflows/store-tasks/steps/task-steps"
import { retryUnroutable } from "../../src/workflows/routing/reroute"

jest.setTimeout(180000)

type Headers = { headers: Record<string, string> }

/**
 * The holes a store associate finds walking through pickups and transfers: ready only once every
 * unit is at the pickup store (whatever node sends it), payment captured at hand-over, the pickup
 * switch closing checkout and routing, a till's endless-aisle lines in the stores' queues, and the
 * signed-in customer's own pickup code.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoSummary
    let admin: Headers
    const as: Record<string, Headers> = {}
    const shop = webshop(api, getContainer, () => demo)
    const near = shop.near
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

    const { waitForTasks } = storeQueue(api, () => demo, as)
    const codeSentFor = (orderId: string) => pickupCodeSentFor(getContainer(), orderId)

    async function paymentsOf(orderId: string) {
      const { data } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({
          entity: "order",
          fields: ["total", "payment_collections.payments.amount", "payment_collections.payments.captured_at", "payment_collections.payments.refunds.amount"],
          filters: { id: orderId },
        })
      const order = data[0] as any
      return {
        total: Number(order.total),
        payments: (order.payment_collections ?? []).flatMap((pc: any) => pc.payments ?? []).map((p: any) => ({
          amount: Number(p.amount),
          captured: !!p.captured_at,
          refunded: (p.refunds ?? []).reduce((sum: number, r: any) => sum + Number(r.amount), 0),
        })),
      }
    }

    async function auditActions(orderId: string) {
      const rows = (await getContainer().resolve<any>("pos").listPosAuditLogs({ resource_id: orderId }, { order: { created_at: "ASC" } })) as any[]
      return rows.map((r) => r.action)
    }

    async function stockAt(sku: string, key: string) {
      const { inventory_item_id } = await shop.inventoryItemOf(sku)
      const [level] = await getContainer().resolve(Modules.INVENTORY).listInventoryLevels({ inventory_item_id, location_id: demo.stock_location_ids[key] })
      return level ? { stocked: Number(level.stocked_quantity), reserved: Number(level.reserved_quantity) } : null
    }

    async function shopper(email: string) {
      const container = getContainer()
      const customer = await container.resolve(Modules.CUSTOMER).createCustomers({ email, first_name: "Pat", last_name: "Pickup" })
      const auth = container.resolve(Modules.AUTH)
      const { authIdentity } = await auth.register("emailpass", { body: { email, password: "shopper-password" } })
      await auth.updateAuthIdentities({ id: authIdentity!.id, app_metadata: { customer_id: customer.id } })
      const { data } = await api.post("/auth/customer/emailpass", { email, password: "shopper-password" })
      return { headers: { authorization: `Bearer ${data.token}`, "x-publishable-api-key": demo.publishable_key } }
    }

    it("a pickup supplied from the warehouse is made ready only once the warehouse shipped it and the store scanned it in; a missing unit is recorded", async () => {
      const SKU = "NW-CRW-OAT-L"
      await shop.setStock(SKU, { dc: 4, evanston: 0 })
      const orderId = await shop.placeOnlineOrder(SKU, 2, near("evanston"), { pickup: "evanston" })
      const [task] = await waitForTasks("evanston", orderId)
      expect(task.lines).toEqual([expect.objectContaining({ quantity: 2, from_node_id: demo.stock_location_ids.dc, received: 0, missing: 0 })])
      const lineId = task.lines[0].line_item_id

      // nothing here, nothing shipped: not ready, nothing to receive yet
      await api.post(`/terminal/tasks/${task.id}/pick`, {}, as.evanston)
      const early = await attempt(api.post(`/terminal/tasks/${task.id}/ready`, {}, as.evanston))
      expect(early.status).toBe(400)
      expect(early.data.message).toContain("still waits for 2 unit(s) from")
      expect(early.data.message).toContain("receive the transfer before making the pickup ready")
      const unsent = await attempt(api.post(`/terminal/tasks/${task.id}/receive`, { lines: [{ line_item_id: lineId, received: 1 }] }, as.evanston))
      expect(unsent.status).toBe(400)
      expect(unsent.data.message).toContain("shipped 0 so far")

      // the warehouse fulfils and ships in Medusa's dashboard
      await api.post(`/admin/orders/${orderId}/fulfillments`, { location_id: demo.stock_location_ids.dc, items: [{ id: lineId, quantity: 2 }] }, admin)
      const { data: fulfilled } = await api.get(`/admin/orders/${orderId}?fields=*fulfillments`, admin)
      const fulfillment = fulfilled.order.fulfillments.find((f: any) => f.location_id === demo.stock_location_ids.dc)
      await api.post(`/admin/orders/${orderId}/fulfillments/${fulfillment.id}/shipments`, { items: [{ id: lineId, quantity: 2 }] }, admin)

      // refusals: wrong store, no token, too many, not a transfer line, bad input
      for (const [name, request, status, message] of [
        ["wrong store", attempt(api.post(`/terminal/tasks/${task.id}/receive`, { lines: [{ line_item_id: lineId, received: 1 }] }, as.wicker)), 403, ""],
        ["no token", attempt(api.post(`/terminal/tasks/${task.id}/receive`, { lines: [{ line_item_id: lineId, received: 1 }] })), 401, ""],
        ["too many", attempt(api.post(`/terminal/tasks/${task.id}/receive`, { lines: [{ line_item_id: lineId, received: 3 }] }, as.evanston)), 400, "the transfer brings 2"],
        ["other line", attempt(api.post(`/terminal/tasks/${task.id}/receive`, { lines: [{ line_item_id: "ordli_nope", received: 1 }] }, as.evanston)), 400, "is not a transfer to this store"],
        ["negative", attempt(api.post(`/terminal/tasks/${task.id}/receive`, { lines: [{ line_item_id: lineId, received: -1 }] }, as.evanston)), 400, "received"],
        ["empty", attempt(api.post(`/terminal/tasks/${task.id}/receive`, { lines: [] }, as.evanston)), 400, "'lines' too small"],
      ] as const) {
        const answer = await request
        expect([name, answer.status]).toEqual([name, status])
        expect([name, answer.data?.message ?? ""]).toEqual([name, expect.stringContaining(message)])
      }

      // one of two arrived: the other is recorded missing and the pickup is still not ready
      const { data: partial } = await api.post(`/terminal/tasks/${task.id}/receive`, { lines: [{ line_item_id: lineId, received: 1 }] }, as.evanston)
      expect(partial.missing).toEqual([expect.objectContaining({ line_item_id: lineId, units: 1 })])
      expect(partial.task.lines[0]).toMatchObject({ received: 1, missing: 1 })
      const stillOut = await attempt(api.post(`/terminal/tasks/${task.id}/ready`, {}, as.evanston))
      expect(stillOut.data.message).toContain("1 unit(s) from Northwind Distribution Center (1 recorded missing)")

      // the second turns up
      const { data: whole } = await api.post(`/terminal/tasks/${task.id}/receive`, { lines: [{ line_item_id: lineId, received: 2 }] }, as.evanston)
      expect(whole).toMatchObject({ missing: [], task: { lines: [expect.objectContaining({ received: 2, missing: 0 })] } })
      const { data: ready } = await api.post(`/terminal/tasks/${task.id}/ready`, {}, as.evanston)
      expect(ready.task.status).toBe("ready")

      expect((await paymentsOf(orderId)).payments.every((p: any) => !p.captured)).toBe(true)
      const { data: collected } = await api.post(`/terminal/tasks/${task.id}/collect`, { pickup_code: await codeSentFor(orderId) }, as.evanston)
      expect(collected.task.status).toBe("collected")
      // captured at hand-over; the warehouse's fulfilment delivered with it
      const paid = await paymentsOf(orderId)
      expect(paid.payments).toEqual([expect.objectContaining({ amount: paid.total, captured: true })])
      const { data: order } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "order", fields: ["fulfillments.location_id", "fulfillments.delivered_at"], filters: { id: orderId } })
      expect((order[0] as any).fulfillments).toEqual([expect.objectContaining({ location_id: demo.stock_location_ids.dc, delivered_at: expect.anything() })])
      expect(await auditActions(orderId)).toEqual(
        expect.arrayContaining(["transfer.received", "transfer.missing", "pickup.ready", "pickup.collected"])
      )
    })

    it("ships a line split over two stores by a short pick from each without taking either store's stock twice", async () => {
      const SKU = "NW-TEE-BLA-XL"
      await shop.setStock(SKU, { state: 2, wicker: 5, dc: 0 })
      const orderId = await shop.placeOnlineOrder(SKU, 2, { latitude: near("state").latitude + 0.001, longitude: near("state").longitude })
      const [task] = await waitForTasks("state", orderId)
      const line = task.lines[0].line_item_id
      await api.post(`/terminal/tasks/${task.id}/pick`, { lines: [{ line_item_id: line, picked: 1 }], reason: "missing" }, as.state)
      // the line now has a unit reserved at each store: shipping State Street's one touches Wicker Park's not at all
      expect(await stockAt(SKU, "state")).toEqual({ stocked: 1, reserved: 1 })
      expect(await stockAt(SKU, "wicker")).toEqual({ stocked: 5, reserved: 1 })
      await api.post(`/terminal/tasks/${task.id}/ship`, { tracking_number: "1Z-STATE-1" }, as.state)
      expect(await stockAt(SKU, "state")).toEqual({ stocked: 0, reserved: 0 })
      expect(await stockAt(SKU, "wicker")).toEqual({ stocked: 5, reserved: 1 })
      const [rest] = await waitForTasks("wicker", orderId)
      await api.post(`/terminal/tasks/${rest.id}/pick`, {}, as.wicker)
      await api.post(`/terminal/tasks/${rest.id}/ship`, { tracking_number: "1Z-WICKER-1" }, as.wicker)
      expect(await stockAt(SKU, "wicker")).toEqual({ stocked: 4, reserved: 0 })
      const { data } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "order", fields: ["items.detail.fulfilled_quantity", "fulfillments.location_id"], filters: { id: orderId } })
      expect(Number((data[0] as any).items[0].detail.fulfilled_quantity)).toBe(2)
      expect((data[0] as any).fulfillments.map((f: any) => f.location_id).sort()).toEqual([demo.stock_location_ids.state, demo.stock_location_ids.wicker].sort())

      // a reservation a crash left parked is keyed back to its line by the scheduled job
      const inventory = getContainer().resolve(Modules.INVENTORY)
      const { inventory_item_id } = await shop.inventoryItemOf(SKU)
      const [held] = await inventory.createReservationItems([
        { inventory_item_id, location_id: demo.stock_location_ids.wicker, quantity: 1, line_item_id: `${line}#pos-parked`, description: "cut off mid-ship" },
      ])
      expect(await unparkStaleReservations(getContainer(), 0)).toEqual([held.id])
      expect((await inventory.retrieveReservationItem(held.id)).line_item_id).toBe(line)
      await inventory.deleteReservationItems([held.id])
    })

    it("a short pick at the store sending a pickup's transfer: the pickup waits only for what comes, and not while units are unplaced", async () => {
      const SKU = "NW-CRW-OAT-S"
      await shop.setStock(SKU, { evanston: 0, state: 2, wicker: 0, dc: 0 })
      const orderId = await shop.placeOnlineOrder(SKU, 2, near("evanston"), { pickup: "evanston" })
      const [transfer] = await waitForTasks("state", orderId)
      const [pickup] = await waitForTasks("evanston", orderId)
      expect(pickup.lines).toEqual([expect.objectContaining({ quantity: 2, from_node_id: demo.stock_location_ids.state })])
      const line = transfer.lines[0].line_item_id
      await api.post(`/terminal/tasks/${transfer.id}/pick`, { lines: [{ line_item_id: line, picked: 1 }], reason: "damaged" }, as.state)
      await api.post(`/terminal/tasks/${transfer.id}/ship`, { tracking_number: "TRK-STATE-1" }, as.state)
      // State Street now sends 1; the other one found no node yet
      const { data: afterShort } = await api.get(`/terminal/tasks/${pickup.id}`, as.evanston)
      expect(afterShort.task.lines).toEqual([expect.objectContaining({ quantity: 1, short: 1, from_node_id: demo.stock_location_ids.state })])
      await api.post(`/terminal/tasks/${pickup.id}/receive`, { lines: [{ line_item_id: line, received: 1 }] }, as.evanston)
      await api.post(`/terminal/tasks/${pickup.id}/pick`, {}, as.evanston)
      const unplaced = await attempt(api.post(`/terminal/tasks/${pickup.id}/ready`, {}, as.evanston))
      expect(unplaced.status).toBe(400)
      expect(unplaced.data.message).toContain("still has 1 unit(s) that no node could take after a short pick")

      // stock arrives at the warehouse: the job routes the unit there, the pickup waits for it, then is ready
      await shop.setStock(SKU, { evanston: 0, state: 0, wicker: 0, dc: 3 })
      await retryUnroutable(getContainer())
      const { data: rerouted } = await api.get(`/terminal/tasks/${pickup.id}`, as.evanston)
      expect(rerouted.task.lines).toEqual([
        expect.objectContaining({ quantity: 1, received: 1, from_node_id: demo.stock_location_ids.state }),
        expect.objectContaining({ quantity: 1, from_node_id: demo.stock_location_ids.dc }),
      ])
      const stillOut = await attempt(api.post(`/terminal/tasks/${pickup.id}/ready`, {}, as.evanston))
      expect(stillOut.data.message).toContain("1 unit(s) from Northwind Distribution Center")
      await api.post(`/admin/orders/${orderId}/fulfillments`, { location_id: demo.stock_location_ids.dc, items: [{ id: line, quantity: 1 }] }, admin)
      const { data: fulfilled } = await api.get(`/admin/orders/${orderId}?fields=*fulfillments`, admin)
      const fromDc = fulfilled.order.fulfillments.find((f: any) => f.location_id === demo.stock_location_ids.dc)
      await api.post(`/admin/orders/${orderId}/fulfillments/${fromDc.id}/shipments`, { items: [{ id: line, quantity: 1 }] }, admin)
      // both nodes shipped one: received 2 in all is credited one to each
      const { data: received } = await api.post(`/terminal/tasks/${pickup.id}/receive`, { lines: [{ line_item_id: line, received: 2 }] }, as.evanston)
      expect(received.missing).toEqual([])
      const { data: ready } = await api.post(`/terminal/tasks/${pickup.id}/ready`, {}, as.evanston)
      expect(ready.task.status).toBe("ready")
      await api.post(`/terminal/tasks/${pickup.id}/collect`, { pickup_code: await codeSentFor(orderId) }, as.evanston)
      expect(await stockAt(SKU, "state")).toEqual({ stocked: 0, reserved: 0 })
      expect(await stockAt(SKU, "dc")).toEqual({ stocked: 2, reserved: 0 })
    })

    it("units re-routed to the pickup store itself send a picked pickup back to be picked, and every unit is handed over", async () => {
      const SKU = "NW-HOO-FOR-M"
      await shop.setStock(SKU, { evanston: 0, state: 2, wicker: 0, dc: 0 })
      const orderId = await shop.placeOnlineOrder(SKU, 2, near("evanston"), { pickup: "evanston" })
      const [transfer] = await waitForTasks("state", orderId)
      const [pickup] = await waitForTasks("evanston", orderId)
      const line = transfer.lines[0].line_item_id
      expect(pickup.lines).toEqual([expect.objectContaining({ quantity: 2, from_node_id: demo.stock_location_ids.state })])
      expect((await api.post(`/terminal/tasks/${pickup.id}/pick`, {}, as.evanston)).data.task.status).toBe("picked")

      // a unit arrives at Evanston; State Street finds only one: the engine sends the other from the pickup store itself
      const { inventory_item_id } = await shop.inventoryItemOf(SKU)
      await getContainer().resolve(Modules.INVENTORY).adjustInventory(inventory_item_id, demo.stock_location_ids.evanston, 1)
      const { data: short } = await api.post(`/terminal/tasks/${transfer.id}/pick`, { lines: [{ line_item_id: line, picked: 1 }], reason: "missing" }, as.state)
      expect(short.reroute).toMatchObject({ status: "routed", allocations: [expect.objectContaining({ node_id: demo.stock_location_ids.evanston, quantity: 1 })] })
      const { data: reopened } = await api.get(`/terminal/tasks/${pickup.id}`, as.evanston)
      expect(reopened.task.status).toBe("open")
      expect(reopened.task.lines).toEqual([
        expect.objectContaining({ quantity: 1, short: 1, from_node_id: demo.stock_location_ids.state }),
        expect.objectContaining({ quantity: 1, picked: 0, from_node_id: null }),
      ])

      await api.post(`/terminal/tasks/${transfer.id}/ship`, { tracking_number: "TRK-STATE-HOO" }, as.state)
      await api.post(`/terminal/tasks/${pickup.id}/receive`, { lines: [{ line_item_id: line, received: 1 }] }, as.evanston)
      const early = await attempt(api.post(`/terminal/tasks/${pickup.id}/ready`, {}, as.evanston))
      expect(early.status).toBe(400)
      expect(early.data.message).toContain("can be made ready only when picked or ready")
      await api.post(`/terminal/tasks/${pickup.id}/pick`, {}, as.evanston)
      await api.post(`/terminal/tasks/${pickup.id}/ready`, {}, as.evanston)
      const { data: collected } = await api.post(`/terminal/tasks/${pickup.id}/collect`, { pickup_code: await codeSentFor(orderId) }, as.evanston)
      expect(collected.task.status).toBe("collected")
      // the unit from Evanston's shelf went with the customer too; nothing stays reserved anywhere
      expect(await stockAt(SKU, "evanston")).toEqual({ stocked: 0, reserved: 0 })
      expect(await stockAt(SKU, "state")).toEqual({ stocked: 0, reserved: 0 })
    })

    it("a short pick at the pickup store re-routed to its own shelf: the line asks for the units again, and every unit is handed over", async () => {
      const SKU = "NW-HOO-FOR-L"
      await shop.setStock(SKU, { evanston: 10, state: 0, wicker: 0, dc: 0 })
      const orderId = await shop.placeOnlineOrder(SKU, 3, near("evanston"), { pickup: "evanston" })
      const [pickup] = await waitForTasks("evanston", orderId)
      const line = pickup.lines[0].line_item_id
      const { data: short } = await api.post(`/terminal/tasks/${pickup.id}/pick`, { lines: [{ line_item_id: line, picked: 1 }], reason: "damaged" }, as.evanston)
      // two damaged units written off; two others on the same shelf take their place
      expect(short.reroute).toMatchObject({ status: "routed", allocations: [expect.objectContaining({ node_id: demo.stock_location_ids.evanston, quantity: 2 })] })
      expect(short.task.status).toBe("open")
      expect(short.task.lines).toEqual([expect.objectContaining({ line_item_id: line, quantity: 3, short: 0, from_node_id: null })])
      expect(await stockAt(SKU, "evanston")).toEqual({ stocked: 8, reserved: 3 })

      expect((await api.post(`/terminal/tasks/${pickup.id}/pick`, {}, as.evanston)).data.task).toMatchObject({ status: "picked", lines: [expect.objectContaining({ picked: 3 })] })
      await api.post(`/terminal/tasks/${pickup.id}/ready`, {}, as.evanston)
      await api.post(`/terminal/tasks/${pickup.id}/collect`, { pickup_code: await codeSentFor(orderId) }, as.evanston)
      expect(await stockAt(SKU, "evanston")).toEqual({ stocked: 5, reserved: 0 })
    })

    it("captures a pickup's payment at hand-over, so a later return at a store refunds it", async () => {
      const SKU = "NW-CRW-NAV-S"
      await shop.setStock(SKU, { evanston: 3 })
      const orderId = await shop.placeOnlineOrder(SKU, 1, near("evanston"), { pickup: "evanston" })
      const [task] = await waitForTasks("evanston", orderId)
      await api.post(`/terminal/tasks/${task.id}/pick`, {}, as.evanston)
      await api.post(`/terminal/tasks/${task.id}/ready`, {}, as.evanston)
      expect((await paymentsOf(orderId)).payments).toEqual([expect.objectContaining({ captured: false })])
      await api.post(`/terminal/tasks/${task.id}/collect`, { pickup_code: await codeSentFor(orderId) }, as.evanston)
      const paid = await paymentsOf(orderId)
      expect(paid.payments).toEqual([{ amount: paid.total, captured: true, refunded: 0 }])
      expect(await stockAt(SKU, "evanston")).toEqual({ stocked: 2, reserved: 0 })

      // the returns desk finds it by the customer's phone, however it is typed
      const { data: placed } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "order", fields: ["customer_id"], filters: { id: orderId } })
      await getContainer().resolve(Modules.CUSTOMER).updateCustomers((placed[0] as any).customer_id, { phone: "+13125550199" })
      for (const typed of ["+1 (312) 555-0199", "13125550199"]) {
        const { data: found } = await api.get(`/terminal/orders?q=${encodeURIComponent(typed)}&store_id=${demo.store_ids.evanston}`, as.evanston)
        expect([typed, found.orders.map((o: any) => o.id)]).toEqual([typed, [orderId]])
      }

      // what the return would give back, and to which tender, before anything is taken
      const { data: eligibility } = await api.post(`/terminal/orders/${orderId}/return-eligibility`, {}, as.evanston)
      expect(eligibility).not.toHaveProperty("refund_preview")
      const { data: preview } = await api.post(
        `/terminal/orders/${orderId}/return-eligibility`,
        { lines: [{ line_item_id: eligibility.lines[0].line_item_id, quantity: 1 }] },
        as.evanston
      )
      expect(preview.refund_preview).toEqual({ amount: paid.total, refundable: paid.total, split: [{ kind: "other", amount: paid.total }] })
      const foreign = await attempt(api.post(`/terminal/orders/${orderId}/return-eligibility`, { lines: [{ line_item_id: "ordli_nope", quantity: 1 }] }, as.evanston))
      expect(foreign.status).toBe(400)
      expect(foreign.data.message).toContain("is not a line of order")
      const { data: returned } = await api.post(
        `/terminal/stores/${demo.store_ids.evanston}/returns`,
        {
          order_id: orderId,
          lines: [{ line_item_id: eligibility.lines[0].line_item_id, quantity: 1, disposition: "resellable" }],
          idempotency_key: `pickup-return-${orderId}`,
        },
        as.evanston
      )
      expect(returned.refunds.reduce((sum: number, r: any) => sum + r.amount, 0)).toBe(paid.total)
      expect((await paymentsOf(orderId)).payments[0].refunded).toBe(paid.total)
    })

    it("the pickup switch closes the door: the option leaves checkout, and an order that chose it before is not routed there", async () => {
      const SKU = "NW-CRW-NAV-L"
      await shop.setStock(SKU, { wicker: 5, dc: 5 })
      const option = await shop.pickupOptionOf("wicker")
      const key = shop.key()
      const before = await shop.prepareCart(SKU, 1, near("wicker"), { pickup: "wicker" })
      const offered = async (cartId: string) =>
        ((await api.get(`/store/shipping-options?cart_id=${cartId}`, key)).data.shipping_options as any[]).map((o) => o.id)
      expect(await offered(before)).toContain(option)

      await api.post(`/admin/pos/stores/${demo.store_ids.wicker}`, { capabilities: { pickup: false } }, admin)
      try {
        const after = await shop.prepareCart(SKU, 1, near("wicker"))
        expect(await offered(after)).not.toContain(option)
        const chosen = await attempt(api.post(`/store/carts/${after}/shipping-methods`, { option_id: option }, key))
        expect(chosen.status).toBe(400)
        expect(chosen.data.message).toContain("Shipping Options are invalid")
        const { data: listed } = await api.get(`/store/pickup-locations?cart_id=${after}`, key)
        expect(listed.pickup_locations.map((l: any) => l.store_id)).not.toContain(demo.store_ids.wicker)

        // a cart that chose Wicker Park before the switch went off: placed, but not sent to a closed door
        const orderId = await shop.completeCart(before)
        const { decision } = await shop.decisionOf(orderId, admin)
        expect(decision).toMatchObject({ status: "unroutable", reason: expect.stringContaining("Northwind Wicker Park has its pickup switch off") })
        const { data: queue } = await api.get(`/terminal/stores/${demo.store_ids.wicker}/tasks`, as.wicker)
        expect((queue.tasks as any[]).filter((t) => t.order_id === orderId)).toEqual([])

        // the counter still sells at a store without pickup
        const { data: sale } = await api.post(`/terminal/stores/${demo.store_ids.state}/sales`, { shift_id: stateShift }, as.state)
        expect(sale.sale.id).toBeTruthy()
      } finally {
        await api.post(`/admin/pos/stores/${demo.store_ids.wicker}`, { capabilities: { pickup: true } }, admin)
      }
      const again = await shop.prepareCart(SKU, 1, near("wicker"))
      expect(await offered(again)).toContain(option)
    })

    it("puts a till's endless-aisle lines in the stores' queues: the source sends, the pickup store hands over against the receipt", async () => {
      const SKU = "NW-TEE-HEAGRE-M"
      const SHIP_SKU = "NW-TEE-HEAGRE-L"
      await shop.setStock(SKU, { state: 0, wicker: 2, evanston: 0, dc: 0 })
      await shop.setStock(SHIP_SKU, { state: 0, wicker: 2, evanston: 0, dc: 0 })
      const { data: opened } = await api.post(`/terminal/stores/${demo.store_ids.state}/sales`, { shift_id: stateShift }, as.state)
      const saleId = opened.sale.id
      const { data: added } = await api.post(
        `/terminal/sales/${saleId}/lines`,
        { code: SKU, fulfillment: "pickup", pickup_store_id: demo.store_ids.evanston },
        as.state
      )
      expect(added.source).toMatchObject({ store_id: demo.store_ids.wicker })
      const { data: withShip } = await api.post(
        `/terminal/sales/${saleId}/lines`,
        {
          code: SHIP_SKU,
          fulfillment: "ship",
          shipping_address: { first_name: "Dana", last_name: "Reyes", address_1: "1200 W Fulton Market", city: "Chicago", postal_code: "60607", country_code: "US" },
        },
        as.state
      )
      await api.post(`/terminal/sales/${saleId}/tenders`, { type: "cash", amount: withShip.sale.total, idempotency_key: `${saleId}-cash` }, as.state)
      const { data: done } = await api.post(`/terminal/sales/${saleId}/complete`, {}, as.state)
      const orderId = done.order.id

      // Wicker Park: one ship task to the customer, one to send the pickup line over; Evanston: the hand-over
      const wickerTasks = await waitForTasks("wicker", orderId, 2)
      const toCustomer = wickerTasks.find((t) => t.note?.startsWith("Ship to"))
      const transfer = wickerTasks.find((t) => t.note?.startsWith("Transfer"))
      expect(toCustomer).toMatchObject({
        kind: "ship",
        note: "Ship to Dana Reyes, 1200 W Fulton Market, Chicago 60607, US (sold at a till)",
        lines: [expect.objectContaining({ sku: SHIP_SKU, quantity: 1 })],
      })
      expect(transfer).toMatchObject({ kind: "ship", note: "Transfer to Northwind Evanston for the customer's pickup", lines: [expect.objectContaining({ sku: SKU })] })
      const [pickup] = await waitForTasks("evanston", orderId)
      expect(pickup).toMatchObject({ kind: "pickup", lines: [expect.objectContaining({ sku: SKU, from_node_id: demo.stock_location_ids.wicker, received: 0 })] })
      // asked again, the completion adds no second set of tasks
      await attempt(api.post(`/terminal/sales/${saleId}/complete`, {}, as.state))
      expect(await waitForTasks("wicker", orderId, 2)).toHaveLength(2)

      // Wicker Park picks and ships both; the stock falls there
      for (const t of [toCustomer, transfer]) {
        await api.post(`/terminal/tasks/${t.id}/pick`, {}, as.wicker)
        await api.post(`/terminal/tasks/${t.id}/ship`, { tracking_number: `TRK-${t.id.slice(-6)}` }, as.wicker)
      }
      expect(await stockAt(SKU, "wicker")).toEqual({ stocked: 1, reserved: 0 })
      expect(await stockAt(SHIP_SKU, "wicker")).toEqual({ stocked: 1, reserved: 0 })

      // Evanston scans it in, makes it ready, and hands it over against the till receipt
      await api.post(`/terminal/tasks/${pickup.id}/receive`, { lines: [{ line_item_id: pickup.lines[0].line_item_id, received: 1 }] }, as.evanston)
      await api.post(`/terminal/tasks/${pickup.id}/pick`, {}, as.evanston)
      await api.post(`/terminal/tasks/${pickup.id}/ready`, {}, as.evanston)
      const wrong = await attempt(api.post(`/terminal/tasks/${pickup.id}/collect`, { receipt_code: "STATE-00000000" }, as.evanston))
      expect(wrong.status).toBe(400)
      expect(wrong.data.message).toContain("is not the receipt of this order")
      const both = await attempt(api.post(`/terminal/tasks/${pickup.id}/collect`, { receipt_code: done.receipt.receipt_code, pickup_code: "123456" }, as.evanston))
      expect(both.status).toBe(400)
      const { data: collected } = await api.post(`/terminal/tasks/${pickup.id}/collect`, { receipt_code: done.receipt.receipt_code.toLowerCase() }, as.evanston)
      expect(collected.task.status).toBe("collected")
      // the hand-over delivers the pickup's transfer, not the parcel on its way to the customer
      const { data: parcels } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "order", fields: ["fulfillments.id", "fulfillments.delivered_at", "fulfillments.location_id", "fulfillments.items.line_item_id"], filters: { id: orderId } })
      const byLine = (id: string) => (parcels[0] as any).fulfillments.find((f: any) => f.items.some((i: any) => i.line_item_id === id))
      expect(byLine(pickup.lines[0].line_item_id).delivered_at).toBeTruthy()
      expect(byLine(toCustomer.lines[0].line_item_id).delivered_at).toBeFalsy()
      // and that parcel's label goes to the address the customer gave at the till, not the store's
      const { data: labelled } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "fulfillment", fields: ["delivery_address.*"], filters: { id: byLine(toCustomer.lines[0].line_item_id).id } })
      expect((labelled[0] as any).delivery_address).toMatchObject({ first_name: "Dana", address_1: "1200 W Fulton Market", city: "Chicago", postal_code: "60607" })
    })

    it("shows the signed-in customer their own pickup code once it is ready, and nobody else", async () => {
      const SKU = "NW-CRW-NAV-M"
      await shop.setStock(SKU, { evanston: 2 })
      const pat = await shopper("pat.pickup@example.com")
      const orderId = await shop.placeOnlineOrder(SKU, 1, near("evanston"), { pickup: "evanston", email: "pat.pickup@example.com", customer: pat })
      const [task] = await waitForTasks("evanston", orderId)

      const { data: waiting } = await api.get(`/store/orders/${orderId}/pickup`, pat)
      expect(waiting.pickup).toMatchObject({ status: "open", pickup_code: null, store: { name: "Northwind Evanston", curbside: true } })
      await api.post(`/terminal/tasks/${task.id}/pick`, {}, as.evanston)
      await api.post(`/terminal/tasks/${task.id}/ready`, {}, as.evanston)
      const code = await codeSentFor(orderId)
      const { data: ready } = await api.get(`/store/orders/${orderId}/pickup`, pat)
      expect(ready.pickup).toMatchObject({ status: "ready", pickup_code: code, barcode: code, expires_at: expect.any(String) })

      // a new code replaces the old one for the customer too
      await api.post(`/terminal/tasks/${task.id}/ready`, {}, as.evanston)
      const newCode = await codeSentFor(orderId)
      expect((await api.get(`/store/orders/${orderId}/pickup`, pat)).data.pickup.pickup_code).toBe(newCode)

      const sam = await shopper("sam.someone@example.com")
      const other = await attempt(api.get(`/store/orders/${orderId}/pickup`, sam))
      expect(other.status).toBe(404)
      const anonymous = await attempt(api.get(`/store/orders/${orderId}/pickup`, shop.key()))
      expect(anonymous.status).toBe(401)
      // staff answers still carry no code
      const { data: staffView } = await api.get(`/terminal/tasks/${task.id}`, as.evanston)
      expect(JSON.stringify(staffView)).not.toContain(newCode)
      expect(staffView.task).not.toHaveProperty("pickup_code_sealed")
    })

    describe("stock counts", () => {
      let luis: Headers
      beforeAll(async () => {
        const member = demo.staff.find((m) => m.store === "Northwind State Street" && m.role === "associate")!
        const { data } = await api.post("/auth/staff/emailpass", { email: member.email, password: member.password })
        luis = { headers: { authorization: `Bearer ${data.token}` } }
      })

      async function discrepanciesOf(countId: string) {
        const rows = (await getContainer().resolve<any>("pos").listPosInventoryDiscrepancies({ store_id: demo.store_ids.state })) as any[]
        return rows.filter((r) => String(r.reason).includes(countId)).map((r) => [r.quantity_added, r.available_before])
      }

      it("counts blind, corrects the level through Medusa's inventory, and keeps expected, counted and corrected per SKU", async () => {
        await shop.setStock("NW-TEE-BLA-S", { state: 4 })
        await shop.setStock("NW-TEE-BLA-L", { state: 2 })
        const { data: created } = await api.post(
          `/terminal/stores/${demo.store_ids.state}/counts`,
          { label: "Tees, black", scope: { kind: "skus", codes: ["NW-TEE-BLA-S", "NW-TEE-BLA-L"] } },
          luis
        )
        const count = created.count
        expect(count).toMatchObject({ status: "open", label: "Tees, black" })
        // blind: what the system expects is not shown while counting
        expect(count.lines).toHaveLength(2)
        for (const line of [...count.lines, ...(await api.get(`/terminal/counts/${count.id}`, luis)).data.count.lines]) {
          expect(line).not.toHaveProperty("expected")
          expect(line.counted).toBeNull()
        }

        // a barcode and a SKU of the same item add up: 2 + 1 found of the small, 2 of the large
        const { variant_id } = await shop.inventoryItemOf("NW-TEE-BLA-S")
        const barcode = (await getContainer().resolve(Modules.PRODUCT).retrieveProductVariant(variant_id)).barcode!
        const { data: applied } = await api.post(
          `/terminal/counts/${count.id}/submit`,
          { lines: [{ code: barcode, counted: 2 }, { code: "NW-TEE-BLA-S", counted: 1 }, { code: "NW-TEE-BLA-L", counted: 2 }] },
          luis
        )
        expect(applied.count).toMatchObject({ status: "applied", variance_units: 1, approved_by: null })
        expect(applied.count.lines.map((l: any) => [l.sku, l.expected, l.counted, l.corrected]).sort()).toEqual([
          ["NW-TEE-BLA-L", 2, 2, 0],
          ["NW-TEE-BLA-S", 4, 3, -1],
        ])
        expect(await stockAt("NW-TEE-BLA-S", "state")).toEqual({ stocked: 3, reserved: 0 })
        expect(await discrepanciesOf(count.id)).toEqual([[-1, 4]])
        expect(await auditActions(count.id)).toEqual(["count.applied"])

        const again = await attempt(api.post(`/terminal/counts/${count.id}/submit`, { lines: [{ code: "NW-TEE-BLA-S", counted: 9 }] }, luis))
        expect(again.status).toBe(400)
        expect(again.data.message).toContain("is applied: it can no longer change")
        expect(await stockAt("NW-TEE-BLA-S", "state")).toEqual({ stocked: 3, reserved: 0 })
      })

      it("asks a manager above the variance threshold; a shelf count adds what is scanned; the refusals", async () => {
        await shop.setStock("NW-TEE-WHI-M", { state: 10 })
        await shop.setStock("NW-TEE-WHI-XL", { wicker: 1 })
        const { data: created } = await api.post(`/terminal/stores/${demo.store_ids.state}/counts`, { label: "Shelf B3", scope: { kind: "shelf" } }, luis)
        const countId = created.count.id
        expect(created.count.lines).toEqual([])

        for (const [name, request, status, message] of [
          ["unknown code", attempt(api.post(`/terminal/counts/${countId}/submit`, { lines: [{ code: "NOPE-123", counted: 1 }] }, luis)), 400, "No product has the code NOPE-123"],
          ["negative", attempt(api.post(`/terminal/counts/${countId}/submit`, { lines: [{ code: "NW-TEE-WHI-M", counted: -2 }] }, luis)), 400, "counted"],
          ["wrong store", attempt(api.post(`/terminal/counts/${countId}/submit`, { lines: [{ code: "NW-TEE-WHI-M", counted: 1 }] }, as.wicker)), 403, ""],
          ["no token", attempt(api.post(`/terminal/counts/${countId}/submit`, { lines: [{ code: "NW-TEE-WHI-M", counted: 1 }] })), 401, ""],
          ["bad scope", attempt(api.post(`/terminal/stores/${demo.store_ids.state}/counts`, { label: "x", scope: { kind: "aisle" } }, luis)), 400, "scope"],
          ["another store's counts", attempt(api.get(`/terminal/stores/${demo.store_ids.state}/counts`, as.wicker)), 403, ""],
        ] as const) {
          const answer = await request
          expect([name, answer.status]).toEqual([name, status])
          expect([name, answer.data?.message ?? ""]).toEqual([name, expect.stringContaining(message)])
        }

        // 3 of 10 found, and an item this store had none of: 7 + 1 units off, above the threshold of 5
        const body = { lines: [{ code: "NW-TEE-WHI-M", counted: 3 }, { code: "NW-TEE-WHI-XL", counted: 1 }] }
        const refused = await attempt(api.post(`/terminal/counts/${countId}/submit`, body, luis))
        expect(refused.status).toBe(403)
        expect(refused.data.manager_action).toEqual({ action: "count.approve_variance", store_id: demo.store_ids.state })
        const { data: pending } = await api.get(`/terminal/counts/${countId}`, luis)
        expect(pending.count).toMatchObject({ status: "pending_approval", variance_units: 8 })
        expect(pending.count.lines.every((l: any) => !("expected" in l))).toBe(true)
        expect(await stockAt("NW-TEE-WHI-M", "state")).toEqual({ stocked: 10, reserved: 0 })

        // sending other numbers does not take it past the manager once one was asked for
        const lower = await attempt(api.post(`/terminal/counts/${countId}/submit`, { lines: [{ code: "NW-TEE-WHI-M", counted: 9 }] }, luis))
        expect(lower.status).toBe(403)
        await attempt(api.post(`/terminal/counts/${countId}/submit`, body, luis))
        // a sale of 2 meanwhile: the correction stays what the count found (10 expected, 3 counted: -7)
        const { inventory_item_id: whiteM } = await shop.inventoryItemOf("NW-TEE-WHI-M")
        await getContainer()
          .resolve(Modules.INVENTORY)
          .adjustInventory(whiteM, demo.stock_location_ids.state, -2)

        // the manager approves with her PIN; the counted numbers were kept, so the lines may be left out
        const maya = demo.staff.find((m) => m.store === "Northwind State Street" && m.role === "manager")!
        const { data: approval } = await api.post("/terminal/pin/verify", { store_id: demo.store_ids.state, pin: maya.pin, action: "count.approve_variance" }, luis)
        const { data: applied } = await api.post(`/terminal/counts/${countId}/submit`, { approval_id: approval.approval.id }, luis)
        expect(applied.count).toMatchObject({ status: "applied", variance_units: 8, approved_by: approval.approval.approved_by })
        expect(await stockAt("NW-TEE-WHI-M", "state")).toEqual({ stocked: 1, reserved: 0 })
        expect(await stockAt("NW-TEE-WHI-XL", "state")).toEqual({ stocked: 1, reserved: 0 })
        expect((await discrepanciesOf(countId)).sort()).toEqual([[-7, 10], [1, 0]])
        const pos = getContainer().resolve<any>("pos")
        expect(await pos.listPosAuditLogs({ action: "manager_action.refused", store_id: demo.store_ids.state })).toEqual(
          expect.arrayContaining([expect.objectContaining({ data: expect.objectContaining({ action: "count.approve_variance", reason: "needs_manager" }) })])
        )
      })

      it("refuses a count below what is reserved for orders not picked yet, and a canceled count changes nothing", async () => {
        await shop.setStock("NW-CRW-OAT-M", { state: 3 })
        const { inventory_item_id } = await shop.inventoryItemOf("NW-CRW-OAT-M")
        await getContainer()
          .resolve(Modules.INVENTORY)
          .createReservationItems([{ inventory_item_id, location_id: demo.stock_location_ids.state, quantity: 2, description: "an order not picked yet" }])
        const { data: created } = await api.post(`/terminal/stores/${demo.store_ids.state}/counts`, { label: "Crews", scope: { kind: "skus", codes: ["NW-CRW-OAT-M"] } }, as.state)
        const below = await attempt(api.post(`/terminal/counts/${created.count.id}/submit`, { lines: [{ code: "NW-CRW-OAT-M", counted: 1 }] }, as.state))
        expect(below.status).toBe(400)
        expect(below.data.message).toContain("1 counted, but 2 are reserved here for orders not picked yet")
        expect(await stockAt("NW-CRW-OAT-M", "state")).toEqual({ stocked: 3, reserved: 2 })
        const { data: canceled } = await api.post(`/terminal/counts/${created.count.id}/cancel`, {}, as.state)
        expect(canceled.count.status).toBe("canceled")
        expect((await attempt(api.post(`/terminal/counts/${created.count.id}/submit`, {}, as.state))).status).toBe(400)
        const { data: listed } = await api.get(`/terminal/stores/${demo.store_ids.state}/counts?status=canceled`, as.state)
        expect(listed.counts.map((c: any) => c.id)).toContain(created.count.id)

        // a category: every SKU of it, blind
        const [tees] = await getContainer().resolve(Modules.PRODUCT).listProductCategories({ name: "Tees" })
        const { data: offered } = await api.get(`/terminal/stores/${demo.store_ids.state}/categories`, as.state)
        expect(offered.categories).toEqual(expect.arrayContaining([{ id: tees.id, name: "Tees", handle: expect.any(String) }]))
        const { data: category } = await api.post(`/terminal/stores/${demo.store_ids.state}/counts`, { label: "Tees", scope: { kind: "category", category_id: tees.id } }, as.state)
        expect(category.count.lines.length).toBeGreaterThanOrEqual(9)
        expect(category.count.lines.every((l: any) => /^NW-(TEE|PKT|HEN|RUN|LKF)-/.test(l.sku) && !("expected" in l))).toBe(true)
        const unknownCategory = await attempt(api.post(`/terminal/stores/${demo.store_ids.state}/counts`, { label: "?", scope: { kind: "category", category_id: "pcat_nope" } }, as.state))
        expect(unknownCategory.status).toBe(404)
      })
    })
  },
})
