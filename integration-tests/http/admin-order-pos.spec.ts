import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createOrderFulfillmentWorkflow, createOrderWorkflow, markOrderFulfillmentAsDeliveredWorkflow } from "@medusajs/medusa/core-flows"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { adminHeaders } from "../helpers/admin"
import { attempt } from "../helpers/store-network"
import { signInManagers, storeQueue } from "../helpers/store-staff"
import { webshop } from "../helpers/webshop"

jest.setTimeout(180000)

type Headers = { headers: Record<string, string> }

/** GET /admin/pos/orders/:id: what the order page's POS widget reads. */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoSummary
    let admin: Headers
    const as: Record<string, Headers> = {}
    const shop = webshop(api, getContainer, () => demo)

    beforeAll(async () => {
      demo = await seedDemo(getContainer())
      admin = await adminHeaders(getContainer(), api)
      Object.assign(as, await signInManagers(api, demo, ["wicker", "evanston"]))
    })

    const { waitForTasks } = storeQueue(api, () => demo, as)

    it("answers an online order's routing decision, history and store task, without any pickup code field", async () => {
      const SKU = "NW-HEN-OAT-M"
      await shop.setStock(SKU, { dc: 5, wicker: 5 })
      const orderId = await shop.placeOnlineOrder(SKU, 2, shop.near("wicker"))
      const routing = await shop.decisionOf(orderId, admin)
      const [queued] = await waitForTasks("wicker", orderId)

      const { status, data } = await api.get(`/admin/pos/orders/${orderId}`, admin)
      expect(status).toBe(200)
      expect(data.order_id).toBe(orderId)
      // the same decision and history as GET /admin/orders/:id/routing
      expect(data.decision).toEqual(routing.decision)
      expect(data.history).toEqual(routing.history)
      expect(data.decision).toMatchObject({
        status: "routed",
        allocations: [expect.objectContaining({ node_id: demo.stock_location_ids.wicker, quantity: 2 })],
        trace: expect.objectContaining({ rule_set_version: "default-1", winners: [demo.stock_location_ids.wicker] }),
      })
      expect(data.tasks).toEqual([
        expect.objectContaining({
          id: queued.id,
          store_id: demo.store_ids.wicker,
          store_name: "Northwind Wicker Park",
          kind: "ship",
          status: "open",
          units: 2,
          lines: [expect.objectContaining({ sku: SKU, quantity: 2, picked: 0 })],
        }),
      ])
      for (const task of data.tasks) {
        expect(Object.keys(task).filter((k) => /pickup_code|failed_check_ins/.test(k))).toEqual([])
      }
      expect(data.returns).toEqual([])
    })

    it("answers a pickup's task without its code once it is ready", async () => {
      const SKU = "NW-HEN-OAT-L"
      await shop.setStock(SKU, { wicker: 3 })
      const orderId = await shop.placeOnlineOrder(SKU, 1, shop.near("wicker"), { pickup: "wicker" })
      const [task] = await waitForTasks("wicker", orderId)
      await api.post(`/terminal/tasks/${task.id}/pick`, {}, as.wicker)
      await api.post(`/terminal/tasks/${task.id}/ready`, {}, as.wicker)

      const { data } = await api.get(`/admin/pos/orders/${orderId}`, admin)
      expect(data.tasks).toEqual([expect.objectContaining({ kind: "pickup", status: "ready", ready_at: expect.any(String), expires_at: expect.any(String) })])
      expect(JSON.stringify(data)).not.toMatch(/pickup_code/)
      // the code is in the database, sealed and hashed: the answer just does not carry it
      const [row] = await getContainer().resolve<any>("pos").listPosStoreTasks({ id: task.id }, { select: ["pickup_code_hash", "pickup_code_sealed"] })
      expect(row.pickup_code_hash).toBeTruthy()
      expect(row.pickup_code_sealed).toBeTruthy()
    })

    it("answers a return taken in a store, with the store and who took it, without its idempotency key", async () => {
      const SKU = "NW-HEN-CHA-L"
      await shop.setStock(SKU, { wicker: 3 })
      const orderId = await shop.placeOnlineOrder(SKU, 1, shop.near("wicker"))
      const { decision } = await shop.decisionOf(orderId, admin)
      const lineId = decision.allocations[0].line_id
      const { result: fulfillment } = await createOrderFulfillmentWorkflow(getContainer()).run({
        input: { order_id: orderId, location_id: demo.stock_location_ids.wicker, items: [{ id: lineId, quantity: 1 }] },
      })
      await markOrderFulfillmentAsDeliveredWorkflow(getContainer()).run({ input: { orderId, fulfillmentId: fulfillment.id } })
      const taken = await api.post(
        `/terminal/stores/${demo.store_ids.evanston}/returns`,
        {
          order_id: orderId,
          lines: [{ line_item_id: lineId, quantity: 1, disposition: "resellable", reason: "Too small" }],
          idempotency_key: `admin-order-pos-${orderId}`,
        },
        as.evanston
      )

      const { data } = await api.get(`/admin/pos/orders/${orderId}`, admin)
      expect(data.returns).toEqual([
        expect.objectContaining({
          id: taken.data.return.id,
          store_id: demo.store_ids.evanston,
          store_name: "Northwind Evanston",
          staff_name: expect.any(String),
          status: taken.data.return.status,
          refund_to: "original",
          currency_code: "usd",
          amount: Number(taken.data.return.amount),
          lines: [expect.objectContaining({ line_item_id: lineId, quantity: 1, disposition: "resellable" })],
        }),
      ])
      expect(typeof data.returns[0].amount).toBe("number")
      expect(data.returns[0]).not.toHaveProperty("idempotency_key")
      expect(data.returns[0]).not.toHaveProperty("store_credit_code")
    })

    it("answers empty lists for an order the plugin never touched, and for an unknown id", async () => {
      // an order of a line that keeps no stock: nothing for routing to place
      const { result: order } = await createOrderWorkflow(getContainer()).run({
        input: {
          email: "untouched@example.com",
          region_id: demo.region_ids.usd,
          sales_channel_id: demo.sales_channel_id,
          currency_code: "usd",
          items: [{ title: "Gift wrap", quantity: 1, unit_price: 5 }],
        },
      })
      const orderId = order.id

      const { data } = await api.get(`/admin/pos/orders/${orderId}`, admin)
      expect(data).toEqual({ order_id: orderId, decision: null, history: [], tasks: [], returns: [] })

      const unknown = await api.get("/admin/pos/orders/order_does_not_exist", admin)
      expect(unknown.status).toBe(200)
      expect(unknown.data).toEqual({ order_id: "order_does_not_exist", decision: null, history: [], tasks: [], returns: [] })
    })

    it("answers only to a dashboard user: 401 without a token and with a staff token", async () => {
      expect((await attempt(api.get("/admin/pos/orders/order_1"))).status).toBe(401)
      expect((await attempt(api.get("/admin/pos/orders/order_1", as.wicker))).status).toBe(401)
    })
  },
})
