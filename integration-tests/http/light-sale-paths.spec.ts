import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import {
  capturePaymentWorkflow,
  completeCartWorkflow,
  createOrderFulfillmentWorkflow,
  createOrderFulfillmentWorkflowId,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  createPriceListsWorkflow,
  createPromotionsWorkflow,
  markOrderFulfillmentAsDeliveredWorkflow,
  refreshCartItemsWorkflow,
} from "@medusajs/medusa/core-flows"
import { seedDemo, type DemoSummary } from "../../demo/seed"
import { POS_MODULE } from "../../src/modules/pos"
import type PosModuleService from "../../src/modules/pos/service"
import { completeSaleWorkflow } from "../../src/workflows/sale/complete-sale"
import { addSaleLineWorkflow } from "../../src/workflows/sale/add-sale-line"
import { finishSaleOrderWorkflow } from "../../src/workflows/sale/finish-sale-order"
import { upsertScannedLineStepId } from "../../src/workflows/sale/steps/scan-line"
import { addPickupShippingMethodStepId } from "../../src/workflows/sale/steps/pickup-shipping-method"
import { loadStoreContext } from "../../src/workflows/sale/utils/store-context"
import { attempt } from "../helpers/store-network"
import { createGiftCardsWorkflow } from "@medusajs/loyalty-plugin/workflows"

jest.setTimeout(180000)

type Headers = { headers: Record<string, string> }

/**
 * The counter's light paths (a scan without Medusa's full add-to-cart, a sale's
 * cart created with the cart module, the free pickup method added directly)
 * must leave exactly what Medusa's own workflows would: each cart is compared
 * with Medusa's forced refresh of it, and the cases the light paths hand to
 * Medusa's workflows are checked to get there.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let demo: DemoSummary
    let who: Headers
    let storeId: string
    let shiftId: string

    beforeAll(async () => {
      demo = await seedDemo(getContainer())
      const member = demo.staff.find((s) => s.store === "Northwind State Street" && s.role === "associate")!
      const { data } = await api.post("/auth/staff/emailpass", { email: member.email, password: member.password })
      who = { headers: { authorization: `Bearer ${data.token}` } }
      storeId = demo.store_ids.state
      const { data: store } = await api.get(`/terminal/stores/${storeId}`, who)
      const { data: shift } = await api.post(
        `/terminal/stores/${storeId}/shifts`,
        { register_id: store.store.registers[0].id, opening_float: 100 },
        who
      )
      shiftId = shift.shift.id
    })

    const openSale = async () => (await api.post(`/terminal/stores/${storeId}/sales`, { shift_id: shiftId }, who)).data.sale
    const scan = (saleId: string, code: string, quantity = 1) =>
      api.post(`/terminal/sales/${saleId}/lines`, { code, quantity }, who)

    async function variantOf(sku: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "product_variant", fields: ["id", "price_set.id"], filters: { sku } })
      return data[0] as any
    }

    /** What a cart holds, as Medusa computed it: lines, prices, tax lines, adjustments and totals. */
    async function cartState(cartId: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "cart",
        fields: [
          "subtotal",
          "tax_total",
          "discount_total",
          "total",
          "items.variant_sku",
          "items.quantity",
          "items.unit_price",
          "items.compare_at_unit_price",
          "items.is_tax_inclusive",
          "items.product_title",
          "items.requires_shipping",
          "items.tax_lines.code",
          "items.tax_lines.rate",
          "items.adjustments.code",
          "items.adjustments.amount",
          "items.total",
        ],
        filters: { id: cartId },
      })
      const cart = data[0] as any
      const n = (value: unknown) => Math.round(Number(value) * 100) / 100
      return {
        subtotal: n(cart.subtotal),
        tax_total: n(cart.tax_total),
        discount_total: n(cart.discount_total),
        total: n(cart.total),
        items: (cart.items as any[])
          .map((item) => ({
            sku: item.variant_sku,
            title: item.product_title,
            quantity: n(item.quantity),
            unit_price: n(item.unit_price),
            compare_at_unit_price: item.compare_at_unit_price == null ? null : n(item.compare_at_unit_price),
            is_tax_inclusive: item.is_tax_inclusive,
            requires_shipping: item.requires_shipping,
            tax_lines: (item.tax_lines as any[]).map((t) => `${t.code}:${n(t.rate)}`).sort(),
            adjustments: (item.adjustments as any[]).map((a) => `${a.code}:${n(a.amount)}`).sort(),
            total: n(item.total),
          }))
          .sort((a, b) => a.sku.localeCompare(b.sku)),
      }
    }

    /** The cart after Medusa's own forced refresh: prices, taxes and promotions computed again from scratch. */
    async function refreshedByMedusa(cartId: string) {
      await refreshCartItemsWorkflow(getContainer()).run({ input: { cart_id: cartId, force_refresh: true } })
      return cartState(cartId)
    }

    it("prices, taxes and discounts a scanned sale exactly as Medusa's own cart refresh does", async () => {
      const container = getContainer()
      // A sale price for the cap, a quantity tier for the beanie (3 or more: 20), an automatic promotion.
      const cap = await variantOf("NW-CAP-NAV-OS")
      await createPriceListsWorkflow(container).run({
        input: {
          price_lists_data: [
            {
              title: "Cap sale",
              description: "Caps for less (a sale price list: the module's default type)",
              status: "active",
              prices: [{ variant_id: cap.id, amount: 25, currency_code: "usd" }],
            },
          ],
        },
      })
      const beanie = await variantOf("NW-BNE-BLA-OS")
      await container.resolve(Modules.PRICING).addPrices({
        priceSetId: beanie.price_set.id,
        prices: [{ amount: 20, currency_code: "usd", min_quantity: 3 }],
      })
      await createPromotionsWorkflow(container).run({
        input: {
          promotionsData: [
            {
              code: "AUTO5",
              type: "standard",
              status: "active",
              is_automatic: true,
              application_method: { type: "percentage", target_type: "items", allocation: "each", max_quantity: 100, value: 5, currency_code: "usd" },
            } as any,
          ],
        },
      })

      const sale = await openSale()
      await scan(sale.id, "NW-TEE-BLA-M")
      await scan(sale.id, "NW-BNE-BLA-OS", 2)
      await scan(sale.id, "NW-CAP-NAV-OS")
      await scan(sale.id, "NW-TEE-BLA-M") // the same item again: one line, quantity 2
      const { data } = await scan(sale.id, "NW-BNE-BLA-OS") // the third beanie reaches the tier

      const light = await cartState(sale.cart_id)
      expect(light.items.map((i) => [i.sku, i.quantity, i.unit_price, i.compare_at_unit_price])).toEqual([
        ["NW-BNE-BLA-OS", 3, 20, null],
        ["NW-CAP-NAV-OS", 1, 25, 32],
        ["NW-TEE-BLA-M", 2, 28, null],
      ])
      expect(light.items.every((i) => i.tax_lines.length > 0 && i.adjustments.length === 1)).toBe(true)
      expect(light.discount_total).toBeGreaterThan(0)
      // the till's answer is the cart's own totals
      expect(data.sale.total).toBe(light.total)
      expect(data.sale.lines).toHaveLength(3)

      expect(await refreshedByMedusa(sale.cart_id)).toEqual(light)

      // With a code on the sale, a scan computes the promotions again (the order discount grows with the cart).
      await createPromotionsWorkflow(container).run({
        input: {
          promotionsData: [
            {
              code: "TAKE10",
              type: "standard",
              status: "active",
              is_automatic: false,
              application_method: { type: "fixed", target_type: "order", allocation: "across", value: 10, currency_code: "usd" },
            } as any,
          ],
        },
      })
      await api.post(`/terminal/sales/${sale.id}/promotions`, { code: "TAKE10" }, who)
      const withCode = await cartState(sale.cart_id)
      await scan(sale.id, "NW-TEE-BLA-L")
      const after = await cartState(sale.cart_id)
      expect(after.items.find((i) => i.sku === "NW-TEE-BLA-L")!.adjustments.some((a) => a.startsWith("TAKE10:"))).toBe(true)
      expect(after.discount_total).toBeGreaterThan(withCode.discount_total)
      expect(await refreshedByMedusa(sale.cart_id)).toEqual(after)

      // and the sale completes into an order with the same total
      const { data: paid } = await api.get(`/terminal/sales/${sale.id}`, who)
      await api.post(`/terminal/sales/${sale.id}/tenders`, { type: "cash", amount: paid.sale.due, idempotency_key: `${sale.id}-cash` }, who)
      const { data: done } = await api.post(`/terminal/sales/${sale.id}/complete`, {}, who)
      expect(done.order.total).toBe(after.total)
    })

    it("merges a scan into a line as Medusa does: by custom price; refuses a product that is not published", async () => {
      const container = getContainer()
      const sale = await openSale()
      const location_id = (await loadStoreContext(container, storeId)).location_id
      const tee = await variantOf("NW-TEE-BLA-S")
      // an offline sale's prices stand: the same item at two prices stays two lines
      const add = (unit_price?: number) =>
        addSaleLineWorkflow(container).run({ input: { sale_id: sale.id, location_id, variant_id: tee.id, quantity: 1, unit_price } })
      await add(28)
      await add(20)
      await add(20)
      await scan(sale.id, "NW-TEE-BLA-S") // no custom price: a line at the catalogue price
      const state = await cartState(sale.cart_id)
      expect(state.items.map((i) => [i.quantity, i.unit_price]).sort()).toEqual([
        [1, 28],
        [1, 28],
        [2, 20],
      ])
      expect(state.subtotal).toBe(96)
      // the stock in hand counts every line taken home
      const { data: levels } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "product_variant",
        fields: ["inventory_items.inventory.location_levels.location_id", "inventory_items.inventory.location_levels.stocked_quantity", "inventory_items.inventory.location_levels.reserved_quantity"],
        filters: { id: tee.id },
      })
      const here = (levels[0] as any).inventory_items[0].inventory.location_levels.find((l: any) => l.location_id === location_id)
      expect(Number(here.stocked_quantity) - Number(here.reserved_quantity)).toBeGreaterThanOrEqual(4)

      const products = container.resolve(Modules.PRODUCT)
      const [capVariant] = await products.listProductVariants({ sku: "NW-CAP-NAV-OS" }, { select: ["product_id"] })
      await products.updateProducts(capVariant.product_id!, { status: "draft" as any })
      const refused = await attempt(scan(sale.id, "NW-CAP-NAV-OS"))
      await products.updateProducts(capVariant.product_id!, { status: "published" as any })
      expect(refused.status).toBe(400)
      expect(refused.data.message).toContain("not published")
      expect((await cartState(sale.cart_id)).items).toHaveLength(3)
    })

    it("hands a cart with a payment collection to Medusa's full add-to-cart, which keeps the collection's amount in step", async () => {
      const sale = await openSale()
      await scan(sale.id, "NW-TEE-BLA-M")
      // a card tender that failed leaves the cart a payment collection
      await createPaymentCollectionForCartWorkflow(getContainer()).run({ input: { cart_id: sale.cart_id } })
      const { data } = await scan(sale.id, "NW-CAP-NAV-OS")
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: carts } = await query.graph({
        entity: "cart",
        fields: ["total", "payment_collection.amount"],
        filters: { id: sale.cart_id },
      })
      const cart = carts[0] as any
      expect(Number(cart.payment_collection.amount)).toBeCloseTo(Number(cart.total), 2)
      expect(data.sale.total).toBeCloseTo(Number(cart.total), 2)
      expect(await refreshedByMedusa(sale.cart_id)).toEqual(await cartState(sale.cart_id))
    })

    it("takes a scan back entirely when a later step fails: no new line, no raised quantity", async () => {
      const sale = await openSale()
      await scan(sale.id, "NW-TEE-BLA-M")
      const before = await cartState(sale.cart_id)
      const container = getContainer()
      const location_id = (await loadStoreContext(container, storeId)).location_id
      for (const code of ["NW-TEE-BLA-M", "NW-CAP-NAV-OS"]) {
        const workflow = addSaleLineWorkflow(container)
        workflow.appendAction("fail-after-line", upsertScannedLineStepId, {
          invoke: async () => {
            throw new Error("injected failure after the line")
          },
        })
        const variant = await variantOf(code)
        const { errors } = await workflow.run({
          input: { sale_id: sale.id, location_id, variant_id: variant.id, quantity: 1 },
          throwOnError: false,
        })
        expect(errors[0].error.message).toContain("injected failure")
        expect(await cartState(sale.cart_id)).toEqual(before)
      }
    })

    it("adds the free pickup method at completion and takes it back when completion fails; the next completion goes through", async () => {
      const container = getContainer()
      const sale = await openSale()
      await scan(sale.id, "NW-BNE-BLA-OS")
      await api.post(`/terminal/sales/${sale.id}/tenders`, { type: "cash", amount: 40, idempotency_key: `${sale.id}-cash` }, who)
      const context = await loadStoreContext(container, storeId)
      const workflow = completeSaleWorkflow(container)
      workflow.appendAction("fail-after-pickup-method", addPickupShippingMethodStepId, {
        invoke: async () => {
          throw new Error("injected failure after the pickup method")
        },
      })
      const pos = container.resolve<PosModuleService>(POS_MODULE)
      const { errors } = await workflow.run({
        input: {
          sale_id: sale.id,
          store_id: storeId,
          staff_id: (await pos.retrievePosSale(sale.id)).staff_id,
          location_id: context.location_id,
          pickup_shipping_option_id: context.pickup_shipping_option_id!,
        },
        throwOnError: false,
      })
      expect(errors[0].error.message).toContain("injected failure")
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const methods = async () =>
        ((await query.graph({ entity: "cart", fields: ["shipping_methods.id"], filters: { id: sale.cart_id } })).data[0] as any)
          .shipping_methods
      expect(await methods()).toEqual([])

      const { data: done } = await api.post(`/terminal/sales/${sale.id}/complete`, {}, who)
      const { data: orders } = await query.graph({
        entity: "order",
        fields: ["shipping_methods.name", "shipping_methods.amount", "shipping_methods.shipping_option_id", "fulfillments.delivered_at"],
        filters: { id: done.order.id },
      })
      const order = orders[0] as any
      expect(order.shipping_methods).toHaveLength(1)
      expect(order.shipping_methods[0]).toMatchObject({ shipping_option_id: context.pickup_shipping_option_id, name: "Pick up at Northwind State Street" })
      expect(Number(order.shipping_methods[0].amount)).toBe(0)
      expect(order.fulfillments[0].delivered_at).toBeTruthy()
    })

    /** The store's stocked and reserved quantity of a SKU. */
    async function storeStock(sku: string, locationId: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "product_variant",
        fields: ["inventory_items.inventory.location_levels.*"],
        filters: { sku },
      })
      const level = ((data[0] as any).inventory_items[0].inventory.location_levels as any[]).find((l) => l.location_id === locationId)
      return { stocked: Number(level?.stocked_quantity ?? 0), reserved: Number(level?.reserved_quantity ?? 0) }
    }

    /** What an order's hand-over left: lines' fulfilled and delivered quantities, its money, its fulfilments and reservations. */
    async function handoverState(orderId: string) {
      const container = getContainer()
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: [
          "status",
          "summary.*",
          "items.*",
          "items.detail.*",
          "fulfillments.*",
          "fulfillments.items.*",
          "payment_collections.status",
          "payment_collections.payments.captured_at",
          "payment_collections.payments.captures.amount",
        ],
        filters: { id: orderId },
      })
      const order = data[0] as any
      const skuOf = new Map((order.items as any[]).map((i) => [i.id, i.variant_sku]))
      const n = (value: unknown) => (value == null ? null : Math.round(Number(value) * 100) / 100)
      const reservations = await container
        .resolve(Modules.INVENTORY)
        .listReservationItems({ line_item_id: (order.items as any[]).map((i) => i.id) })
      const totals = order.summary?.totals ?? order.summary ?? {}
      return {
        status: order.status,
        summary: Object.fromEntries(
          ["paid_total", "refunded_total", "pending_difference", "transaction_total", "current_order_total", "original_order_total"].map(
            (key) => [key, n(totals[key])]
          )
        ),
        items: (order.items as any[])
          .map((i) => ({
            sku: i.variant_sku,
            quantity: n(i.quantity),
            fulfilled: n(i.detail?.fulfilled_quantity),
            delivered: n(i.detail?.delivered_quantity),
            shipped: n(i.detail?.shipped_quantity),
          }))
          .sort((a, b) => a.sku.localeCompare(b.sku)),
        fulfillments: (order.fulfillments as any[]).map((f) => ({
          location_id: f.location_id,
          provider_id: f.provider_id,
          shipping_option_id: f.shipping_option_id,
          requires_shipping: f.requires_shipping,
          packed: !!f.packed_at,
          shipped: !!f.shipped_at,
          delivered: !!f.delivered_at,
          canceled: !!f.canceled_at,
          items: (f.items as any[])
            .map((i) => ({
              sku: skuOf.get(i.line_item_id),
              title: i.title,
              item_sku: i.sku,
              barcode: i.barcode,
              quantity: n(i.quantity),
              has_inventory_item: !!i.inventory_item_id,
            }))
            .sort((a, b) => a.sku.localeCompare(b.sku)),
        })),
        payments: (order.payment_collections as any[]).flatMap((pc) =>
          (pc.payments as any[]).map((p) => ({ captured: !!p.captured_at, captures: (p.captures as any[]).map((c) => n(c.amount)) }))
        ),
        payment_collection_status: order.payment_collections.map((pc: any) => pc.status),
        reservations: reservations.length,
      }
    }

    /** A paid sale of two tees and a cap, completed into an order by the counter's completion workflow alone. */
    async function completedButNotHandedOver() {
      const container = getContainer()
      const sale = await openSale()
      await scan(sale.id, "NW-TEE-BLA-M", 2)
      const { data } = await scan(sale.id, "NW-CAP-NAV-OS")
      await api.post(`/terminal/sales/${sale.id}/tenders`, { type: "cash", amount: data.sale.due, idempotency_key: `${sale.id}-cash` }, who)
      const context = await loadStoreContext(container, storeId)
      const pos = container.resolve<PosModuleService>(POS_MODULE)
      const staffId = (await pos.retrievePosSale(sale.id)).staff_id
      const { result } = await completeSaleWorkflow(container).run({
        input: {
          sale_id: sale.id,
          store_id: storeId,
          staff_id: staffId,
          location_id: context.location_id,
          pickup_shipping_option_id: context.pickup_shipping_option_id!,
        },
      })
      return { sale, order_id: result.order_id, staff_id: staffId, context }
    }

    /** What a placed order holds, without ids and dates: what Medusa's cart completion copies from the cart and what it makes around the order. */
    async function placedState(orderId: string) {
      const container = getContainer()
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: [
          "*",
          "total",
          "subtotal",
          "tax_total",
          "discount_total",
          "item_total",
          "shipping_total",
          "shipping_address.*",
          "billing_address.*",
          "items.*",
          "items.tax_lines.*",
          "items.adjustments.*",
          "shipping_methods.*",
          "shipping_methods.tax_lines.*",
          "shipping_methods.adjustments.*",
          "credit_lines.*",
          "promotions.code",
          "cart.completed_at",
          "payment_collections.status",
          "payment_collections.amount",
          "payment_collections.authorized_amount",
          "payment_collections.payments.amount",
          "payment_collections.payments.provider_id",
          "payment_collections.payments.captured_at",
        ],
        filters: { id: orderId },
      })
      const order = data[0] as any
      const n = (value: unknown) => (value == null ? null : Math.round(Number(value) * 100) / 100)
      const noIds = (value: any): any => {
        if (Array.isArray(value)) {
          return value.map(noIds)
        }
        if (value && typeof value === "object" && !(value instanceof Date)) {
          return Object.fromEntries(
            Object.entries(value)
              .filter(([key]) => !/(^id$|_id$|_at$|^raw_|^detail$|^version$|^display_id$)/.test(key) || /^(product|variant|product_type|region|sales_channel|customer|shipping_option|promotion|tax_rate|provider)_id$/.test(key))
              .map(([key, v]) => [key, noIds(v)])
          )
        }
        return value
      }
      const lines = (list: any[]) =>
        noIds(
          list.map((line) => ({
            ...line,
            quantity: n(line.quantity),
            unit_price: n(line.unit_price),
            amount: n(line.amount),
            compare_at_unit_price: n(line.compare_at_unit_price),
            tax_lines: (line.tax_lines as any[]).map((t) => ({ ...t, rate: n(t.rate) })).sort((a, b) => a.code.localeCompare(b.code)),
            adjustments: (line.adjustments as any[]).map((a) => ({ ...a, amount: n(a.amount) })).sort((a, b) => a.code.localeCompare(b.code)),
          }))
        )
      const reservations = await container
        .resolve(Modules.INVENTORY)
        .listReservationItems({ line_item_id: (order.items as any[]).map((i) => i.id) })
      const skuOf = new Map((order.items as any[]).map((i) => [i.id, i.variant_sku]))
      return {
        order: noIds({
          status: order.status,
          email: order.email,
          currency_code: order.currency_code,
          locale: order.locale,
          region_id: order.region_id,
          customer_id: order.customer_id,
          sales_channel_id: order.sales_channel_id,
          no_notification: order.no_notification,
          metadata: order.metadata,
          shipping_address: order.shipping_address,
          billing_address: order.billing_address,
        }),
        totals: ["total", "subtotal", "tax_total", "discount_total", "item_total", "shipping_total"].map((key) => n(order[key])),
        items: lines(order.items).sort((a: any, b: any) => a.variant_sku.localeCompare(b.variant_sku)),
        shipping_methods: lines(order.shipping_methods),
        credit_lines: order.credit_lines,
        promotions: (order.promotions as any[]).map((p) => p.code).sort(),
        cart_completed: !!order.cart?.completed_at,
        payment_collections: (order.payment_collections as any[]).map((pc) => ({
          status: pc.status,
          amount: n(pc.amount),
          authorized_amount: n(pc.authorized_amount),
          payments: (pc.payments as any[]).map((p) => ({ amount: n(p.amount), provider_id: p.provider_id, captured: !!p.captured_at })),
        })),
        reservations: reservations
          .map((r) => ({ sku: skuOf.get(r.line_item_id!), location_id: r.location_id, quantity: n(r.quantity) }))
          .sort((a, b) => a.sku.localeCompare(b.sku)),
      }
    }

    it("places the order exactly as Medusa's own cart completion does", async () => {
      const container = getContainer()
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const context = await loadStoreContext(container, storeId)
      // a code promotion in a campaign with a usage budget: the completion counts its use
      await createPromotionsWorkflow(container).run({
        input: {
          promotionsData: [
            {
              code: "PLACE3",
              type: "standard",
              status: "active",
              is_automatic: false,
              application_method: { type: "fixed", target_type: "order", allocation: "across", value: 3, currency_code: "usd" },
              campaign: { name: "Placement parity", campaign_identifier: "PLACE3-CAMPAIGN", budget: { type: "usage", limit: 100 } },
            } as any,
          ],
        },
      })
      const budgetUsed = async () =>
        Number(((await query.graph({ entity: "promotion", fields: ["campaign.budget.used"], filters: { code: "PLACE3" } })).data[0] as any).campaign.budget.used)

      /** A sale of two tees and a cap for a customer, with the code: paid in cash by the till. */
      async function paidSale() {
        const sale = await openSale()
        await api.post(`/terminal/sales/${sale.id}/customer`, { email: "placement.parity@example.com" }, who)
        await scan(sale.id, "NW-TEE-BLA-M", 2)
        await scan(sale.id, "NW-CAP-NAV-OS")
        const { data } = await api.post(`/terminal/sales/${sale.id}/promotions`, { code: "PLACE3" }, who)
        return { sale, due: data.sale.due as number }
      }

      // The counter's completion (placement only: the hand-over would change the order).
      const counterSale = await paidSale()
      await api.post(`/terminal/sales/${counterSale.sale.id}/tenders`, { type: "cash", amount: counterSale.due, idempotency_key: `${counterSale.sale.id}-cash` }, who)
      const pos = container.resolve<PosModuleService>(POS_MODULE)
      const { result } = await completeSaleWorkflow(container).run({
        input: {
          sale_id: counterSale.sale.id,
          store_id: storeId,
          staff_id: (await pos.retrievePosSale(counterSale.sale.id)).staff_id,
          location_id: context.location_id,
          pickup_shipping_option_id: context.pickup_shipping_option_id!,
        },
      })
      expect(await budgetUsed()).toBe(1)
      const counter = await placedState(result.order_id)

      // The same cart completed by Medusa: the same free pickup method, a payment collection with a
      // session of the cash provider, then Medusa's completeCartWorkflow.
      const medusaSale = await paidSale()
      const option = (
        await query.graph({ entity: "shipping_option", fields: ["id", "name", "data"], filters: { id: context.pickup_shipping_option_id! } })
      ).data[0] as any
      await container
        .resolve(Modules.CART)
        .addShippingMethods(medusaSale.sale.cart_id, [{ name: option.name, shipping_option_id: option.id, amount: 0, data: option.data ?? {} }])
      const { result: collection } = await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: medusaSale.sale.cart_id } })
      await createPaymentSessionsWorkflow(container).run({
        input: { payment_collection_id: collection.id, provider_id: "pp_system_default" },
      })
      const { result: placed } = await completeCartWorkflow(container).run({ input: { id: medusaSale.sale.cart_id } })
      expect(await budgetUsed()).toBe(2)
      const medusa = await placedState(placed.id)

      expect(counter.items).toHaveLength(2)
      expect(counter.promotions).toEqual(["PLACE3"])
      expect(counter.reservations.map((r) => [r.sku, r.location_id, r.quantity])).toEqual([
        ["NW-CAP-NAV-OS", context.location_id, 1],
        ["NW-TEE-BLA-M", context.location_id, 2],
      ])
      expect(counter.payment_collections[0]).toMatchObject({ status: "authorized", payments: [{ provider_id: "pp_system_default", captured: false }] })
      expect(counter).toEqual(medusa)
    })

    it("runs the hooks of Medusa's completeCartWorkflow for a till sale: validate can refuse it, and the loyalty plugin's beforePaymentAuthorization and orderCreated handlers debit and link its gift card", async () => {
      // what a merchant (an age check) or the loyalty plugin (gift cards, store credit) attaches to the storefront's completion.
      // Medusa allows one handler per hook: the loyalty plugin, installed in the demo app, holds
      // beforePaymentAuthorization (it debits gift cards and store credit) and orderCreated (it links
      // the gift cards to the order); their effects show that both ran for the till sale.
      const refused = new Set<string>()
      const validated: { cart_id: string; total: number }[] = []
      const hooks = completeCartWorkflow.hooks as any
      hooks.validate(async ({ input, cart }: any) => {
        validated.push({ cart_id: input.id, total: Number(cart.total) })
        if (refused.has(input.id)) {
          throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cart ${input.id} is refused by the merchant`)
        }
      })
      const container = getContainer()
      const { result: [card] } = await createGiftCardsWorkflow(container).run({
        input: [{ value: 5, currency_code: "usd", reference: "test", reference_id: "light-sale-paths", metadata: {} }] as any,
      })
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const ledger = async () => {
        const { data: links } = await query.graph({ entity: "gift_card_store_credit_account", fields: ["store_credit_account_id"], filters: { gift_card_id: card.id } })
        const account = (links[0] as any).store_credit_account_id
        return await container.resolve<any>("store_credit").listAccountTransactions({ account_id: account }, { select: ["type", "amount", "reference", "reference_id"] })
      }

      const sale = await openSale()
      await scan(sale.id, "NW-BNE-BLA-OS")
      const { data: gift } = await api.post(`/terminal/sales/${sale.id}/tenders`, { type: "gift_card", code: card.code, idempotency_key: `${sale.id}-gift` }, who)
      expect(gift.tender).toMatchObject({ type: "gift_card", amount: 5, balance_before: 5, balance_after: 0 })
      await api.post(`/terminal/sales/${sale.id}/tenders`, { type: "cash", amount: gift.sale.due, idempotency_key: `${sale.id}-cash` }, who)
      refused.add(sale.cart_id)
      const denied = await attempt(api.post(`/terminal/sales/${sale.id}/complete`, {}, who))
      expect(denied.status).toBe(400)
      expect(denied.data.message).toBe(`Cart ${sale.cart_id} is refused by the merchant`)
      // the hook saw the cart with its totals (after the gift card), and nothing after it ran: the card is not debited
      // (Medusa's unrounded total; the sale shows it rounded to the currency)
      expect(validated.map((v) => v.cart_id)).toEqual([sale.cart_id])
      expect(validated[0].total).toBeCloseTo(gift.sale.due, 2)
      expect((await ledger()).filter((t: any) => t.type === "debit")).toEqual([])
      const { data: still } = await api.get(`/terminal/sales/${sale.id}`, who)
      expect(still.sale).toMatchObject({ status: "open", due: 0 })

      refused.delete(sale.cart_id)
      const { data: done } = await api.post(`/terminal/sales/${sale.id}/complete`, {}, who)
      // beforePaymentAuthorization: the plugin debited the card for the cart, once
      const debits = (await ledger()).filter((t: any) => t.type === "debit")
      expect(debits).toHaveLength(1)
      expect(debits[0]).toMatchObject({ reference: "cart", reference_id: sale.cart_id })
      expect(Number(debits[0].amount)).toBe(5)
      // orderCreated: the plugin linked the card to the order
      const { data: orders } = await query.graph({ entity: "order", fields: ["gift_cards.id"], filters: { id: done.order.id } })
      expect((orders[0] as any).gift_cards.map((g: any) => g.id)).toEqual([card.id])
    })

    /** A cash sale of one unit whose completion placed the order and was cut off before the sale recorded it. */
    async function placedThenCutOff(sku: string) {
      const container = getContainer()
      const context = await loadStoreContext(container, storeId)
      const sale = await openSale()
      await scan(sale.id, sku)
      const { data } = await api.get(`/terminal/sales/${sale.id}`, who)
      await api.post(`/terminal/sales/${sale.id}/tenders`, { type: "cash", amount: data.sale.due, idempotency_key: `${sale.id}-cash` }, who)
      const pos = container.resolve<PosModuleService>(POS_MODULE)
      const { result } = await completeSaleWorkflow(container).run({
        input: {
          sale_id: sale.id,
          store_id: storeId,
          staff_id: (await pos.retrievePosSale(sale.id)).staff_id,
          location_id: context.location_id,
          pickup_shipping_option_id: context.pickup_shipping_option_id!,
        },
      })
      await pos.updatePosSales({ id: sale.id, status: "open" as any, order_id: null, completed_at: null })
      return { sale, result }
    }

    it("keeps the order a completion placed before it was cut off: completing again places no second order", async () => {
      const container = getContainer()
      const context = await loadStoreContext(container, storeId)
      const stockBefore = await storeStock("NW-BNE-BLA-OS", context.location_id)
      const { sale, result } = await placedThenCutOff("NW-BNE-BLA-OS")
      // ... and part-way through what follows the order: no reservation, no payment-collection
      // link, the cart not marked completed.
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const inventory = container.resolve(Modules.INVENTORY)
      const { data: placed } = await query.graph({
        entity: "order",
        fields: ["items.id", "payment_collections.id"],
        filters: { id: result.order_id },
      })
      const reservations = await inventory.listReservationItems({ line_item_id: (placed[0] as any).items.map((i: any) => i.id) })
      expect(reservations).toHaveLength(1)
      await inventory.deleteReservationItems(reservations.map((r) => r.id))
      const collectionId = (placed[0] as any).payment_collections[0].id
      await container.resolve(ContainerRegistrationKeys.LINK).dismiss({
        [Modules.ORDER]: { order_id: result.order_id },
        [Modules.PAYMENT]: { payment_collection_id: collectionId },
      })
      await container.resolve(Modules.CART).updateCarts([{ id: sale.cart_id, completed_at: null }])

      const { data: done } = await attempt(api.post(`/terminal/sales/${sale.id}/complete`, {}, who))
      expect(done.message).toBeUndefined()
      expect(done.order.id).toBe(result.order_id)
      const { data: completedCart } = await query.graph({ entity: "cart", fields: ["completed_at"], filters: { id: sale.cart_id } })
      expect((completedCart[0] as any).completed_at).toBeTruthy()
      const { data: links } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: sale.cart_id } })
      expect(links.map((l: any) => l.order_id)).toEqual([result.order_id])
      // one unit left the store, and nothing stays reserved for it
      expect(await storeStock("NW-BNE-BLA-OS", context.location_id)).toEqual({
        stocked: stockBefore.stocked - 1,
        reserved: stockBefore.reserved,
      })
      const { data: orders } = await query.graph({
        entity: "order",
        fields: ["fulfillments.delivered_at", "payment_collections.payments.captured_at"],
        filters: { id: result.order_id },
      })
      expect((orders[0] as any).fulfillments.map((f: any) => !!f.delivered_at)).toEqual([true])
      expect((orders[0] as any).payment_collections[0].payments.map((p: any) => !!p.captured_at)).toEqual([true])
    })

    it("takes cash again as a new payment when an undone completion released the first: the order ends paid", async () => {
      const container = getContainer()
      // ... then asked again and failing after it authorized: its compensation canceled the payment
      const { sale, result } = await placedThenCutOff("NW-BNE-BLA-OS")
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const paymentsOf = async () =>
        (
          (await query.graph({
            entity: "order",
            fields: ["total", "summary.*", "payment_collections.payments.canceled_at", "payment_collections.payments.captured_at"],
            filters: { id: result.order_id },
          })).data[0] as any
        )
      const first = (await paymentsOf()).payment_collections[0].payments
      expect(first).toHaveLength(1)
      await container.resolve(Modules.PAYMENT).cancelPayment(first[0].id)

      const { data: done } = await api.post(`/terminal/sales/${sale.id}/complete`, {}, who)
      expect(done.order.id).toBe(result.order_id)
      const order = await paymentsOf()
      const payments = order.payment_collections[0].payments.map((p: any) => ({ canceled: !!p.canceled_at, captured: !!p.captured_at }))
      expect(payments).toEqual(expect.arrayContaining([{ canceled: true, captured: false }, { canceled: false, captured: true }]))
      expect(payments).toHaveLength(2)
      // paid in full (the cash taken is the total rounded to the cent)
      expect(Number((order.summary?.totals ?? order.summary).paid_total)).toBeCloseTo(Number(order.total), 2)
      // finished: the canceled payment is owed nothing, so completing again is refused
      const again = await attempt(api.post(`/terminal/sales/${sale.id}/complete`, {}, who))
      expect(again.status).toBe(400)
      expect(again.data.message).toContain("is already completed")
    })

    it("hands over at the counter exactly as Medusa's order fulfilment, delivery and capture do", async () => {
      const container = getContainer()
      const location = (await loadStoreContext(container, storeId)).location_id
      const skus = ["NW-TEE-BLA-M", "NW-CAP-NAV-OS"]
      const stockBefore = await Promise.all(skus.map((sku) => storeStock(sku, location)))

      // The counter: scan, pay, complete.
      const sale = await openSale()
      await scan(sale.id, "NW-TEE-BLA-M", 2)
      const { data } = await scan(sale.id, "NW-CAP-NAV-OS")
      await api.post(`/terminal/sales/${sale.id}/tenders`, { type: "cash", amount: data.sale.due, idempotency_key: `${sale.id}-cash` }, who)
      const { data: done } = await api.post(`/terminal/sales/${sale.id}/complete`, {}, who)
      const counter = await handoverState(done.order.id)

      // The same sale, handed over by Medusa's own workflows.
      const medusa = await completedButNotHandedOver()
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({
        entity: "order",
        fields: ["items.*", "payment_collections.payments.id"],
        filters: { id: medusa.order_id },
      })
      const order = orders[0] as any
      for (const payment of order.payment_collections[0].payments) {
        await capturePaymentWorkflow(container).run({ input: { payment_id: payment.id, captured_by: medusa.staff_id } })
      }
      const { result: fulfillment } = await createOrderFulfillmentWorkflow(container).run({
        input: {
          order_id: medusa.order_id,
          location_id: location,
          created_by: medusa.staff_id,
          items: (order.items as any[]).map((i) => ({ id: i.id, quantity: MathBN.convert(i.quantity).toNumber() })),
        },
      })
      await markOrderFulfillmentAsDeliveredWorkflow(container).run({ input: { orderId: medusa.order_id, fulfillmentId: fulfillment.id } })

      const expected = await handoverState(medusa.order_id)
      expect(counter).toEqual(expected)
      expect(counter.items).toEqual([
        { sku: "NW-CAP-NAV-OS", quantity: 1, fulfilled: 1, delivered: 1, shipped: 0 },
        { sku: "NW-TEE-BLA-M", quantity: 2, fulfilled: 2, delivered: 2, shipped: 0 },
      ])
      expect(counter.fulfillments).toHaveLength(1)
      expect(counter.fulfillments[0]).toMatchObject({ location_id: location, delivered: true, canceled: false })
      expect(counter.reservations).toBe(0)
      // both sales took their units off the store's shelf, and left nothing reserved
      const stockAfter = await Promise.all(skus.map((sku) => storeStock(sku, location)))
      expect(stockAfter).toEqual([
        { stocked: stockBefore[0].stocked - 4, reserved: stockBefore[0].reserved },
        { stocked: stockBefore[1].stocked - 2, reserved: stockBefore[1].reserved },
      ])
    })

    it("takes a failed hand-over back entirely (no fulfilment, stock and reservations as they were); asking again finishes it", async () => {
      const container = getContainer()
      const { sale, order_id, staff_id, context } = await completedButNotHandedOver()
      const before = await handoverState(order_id)
      const stockBefore = await storeStock("NW-TEE-BLA-M", context.location_id)
      expect(before.reservations).toBe(2)

      const workflow = finishSaleOrderWorkflow(container)
      // right after Medusa's order fulfilment, before its delivery: its compensation takes it all back
      let fulfilledBeforeFailure: boolean[] = []
      ;(workflow as any).insertActionAfter(`${createOrderFulfillmentWorkflowId}-as-step`, "fail-after-hand-over", {
        invoke: async () => {
          fulfilledBeforeFailure = (await handoverState(order_id)).fulfillments.map((f: any) => f.delivered)
          throw new Error("injected failure after the hand-over")
        },
      })
      const { errors } = await workflow.run({
        input: {
          order_id,
          cart_id: sale.cart_id,
          location_id: context.location_id,
          staff_id,
          shipping_option_id: context.pickup_shipping_option_id!,
        },
        throwOnError: false,
      })
      expect(errors[0].error.message).toContain("injected failure")
      // the failure came with the fulfilment made and not delivered
      expect(fulfilledBeforeFailure).toEqual([false])
      const after = await handoverState(order_id)
      // the payment was captured and recorded on the order before the hand-over, and stays so: the
      // order shows it paid; everything else is as it was
      expect({ ...after, payments: before.payments, payment_collection_status: before.payment_collection_status, summary: before.summary }).toEqual(
        before
      )
      expect(after.payments.every((p) => p.captured)).toBe(true)
      expect(after.summary.paid_total).toBe(after.summary.current_order_total)
      expect(after.summary.pending_difference).toBe(0)
      expect(await storeStock("NW-TEE-BLA-M", context.location_id)).toEqual(stockBefore)

      // The till asks again: the order is handed over once.
      const { data: done } = await api.post(`/terminal/sales/${sale.id}/complete`, {}, who)
      expect(done.order.id).toBe(order_id)
      const finished = await handoverState(order_id)
      expect(finished.fulfillments).toHaveLength(1)
      expect(finished.fulfillments[0]).toMatchObject({ delivered: true, canceled: false })
      expect(finished.items.every((i) => i.fulfilled === i.quantity && i.delivered === i.quantity)).toBe(true)
      expect(finished.reservations).toBe(0)
      // the capture made before the failure is recorded on the order once: paid, not twice
      expect(finished.summary.paid_total).toBe(finished.summary.current_order_total)
      expect(finished.summary.transaction_total).toBe(finished.summary.current_order_total)
      expect(finished.summary.pending_difference).toBe(0)
      expect(await storeStock("NW-TEE-BLA-M", context.location_id)).toEqual({
        stocked: stockBefore.stocked - 2,
        reserved: stockBefore.reserved - 2,
      })
    })

    it("creates the sale's cart in the store's channel, region and address; refuses a disabled channel and an unknown customer", async () => {
      const sale = await openSale()
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: carts } = await query.graph({
        entity: "cart",
        fields: ["currency_code", "region_id", "sales_channel_id", "shipping_address.city", "shipping_address.province", "metadata"],
        filters: { id: sale.cart_id },
      })
      const { data: store } = await api.get(`/terminal/stores/${storeId}`, who)
      expect(carts[0]).toMatchObject({
        currency_code: "usd",
        region_id: demo.region_ids.usd,
        sales_channel_id: store.store.sales_channel.id,
        shipping_address: { city: "Chicago", province: "us-il" },
        metadata: { pos_store_id: storeId },
      })

      const customers = getContainer().resolve(Modules.CUSTOMER)
      const [customer] = await customers.createCustomers([{ email: "regular@example.com", first_name: "Rae" }])
      const { data: withCustomer } = await api.post(`/terminal/stores/${storeId}/sales`, { shift_id: shiftId, customer_id: customer.id }, who)
      expect(withCustomer.sale.customer_id).toBe(customer.id)
      const { data: emailed } = await query.graph({ entity: "cart", fields: ["email"], filters: { id: withCustomer.sale.cart_id } })
      expect((emailed[0] as any).email).toBe("regular@example.com")

      const unknown = await attempt(api.post(`/terminal/stores/${storeId}/sales`, { shift_id: shiftId, customer_id: "cus_missing" }, who))
      expect(unknown.status).toBe(404)
      expect(unknown.data.message).toContain("cus_missing")

      const channels = getContainer().resolve(Modules.SALES_CHANNEL)
      const pos = getContainer().resolve<PosModuleService>(POS_MODULE)
      const salesBefore = (await pos.listPosSales({ shift_id: shiftId })).length
      await channels.updateSalesChannels(store.store.sales_channel.id, { is_disabled: true })
      const disabled = await attempt(api.post(`/terminal/stores/${storeId}/sales`, { shift_id: shiftId }, who))
      await channels.updateSalesChannels(store.store.sales_channel.id, { is_disabled: false })
      expect(disabled.status).toBe(400)
      expect(disabled.data.message).toContain("disabled")
      expect(await pos.listPosSales({ shift_id: shiftId })).toHaveLength(salesBefore)
    })
  },
})
