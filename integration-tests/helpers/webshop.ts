import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { AxiosInstance } from "axios"
import { LOCATIONS } from "../../demo/catalog"
import type { DemoSummary } from "../../demo/seed"

type Point = { latitude: number; longitude: number }

/** Webshop orders for the routing and store-task specs: carts, checkout, the routing decision. */
export function webshop(api: AxiosInstance, getContainer: () => MedusaContainer, getDemo: () => DemoSummary) {
  const keyHeaders = () => ({ headers: { "x-publishable-api-key": getDemo().publishable_key } })
  const key = keyHeaders
  let shoppers = 0

  async function inventoryItemOf(sku: string) {
    const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "product_variant", fields: ["id", "inventory_items.inventory_item_id"], filters: { sku } })
    return { variant_id: (data[0] as any).id as string, inventory_item_id: (data[0] as any).inventory_items[0].inventory_item_id as string }
  }

  /** Replaces a SKU's stock: exactly these levels, by demo location key. */
  async function setStock(sku: string, levels: Record<string, number>) {
    const inventory = getContainer().resolve(Modules.INVENTORY)
    const { inventory_item_id } = await inventoryItemOf(sku)
    const existing = await inventory.listInventoryLevels({ inventory_item_id })
    if (existing.length) {
      await inventory.deleteInventoryLevels(existing.map((l: any) => l.id))
    }
    await inventory.createInventoryLevels(
      Object.entries(levels).map(([k, stocked]) => ({ inventory_item_id, location_id: getDemo().stock_location_ids[k], stocked_quantity: stocked }))
    )
  }

  /** A store's pickup shipping option, by demo store key. */
  async function pickupOptionOf(storeKey: string) {
    const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "pos_store",
      fields: ["stock_location.fulfillment_sets.type", "stock_location.fulfillment_sets.service_zones.shipping_options.id"],
      filters: { id: getDemo().store_ids[storeKey] },
    })
    const set = (data[0] as any).stock_location.fulfillment_sets.find((s: any) => s.type === "pickup")
    return set.service_zones[0].shipping_options[0].id as string
  }

  /**
   * A webshop cart of `quantity` of a SKU, ready to complete: shipped to a
   * customer at `point`, or with `pickup` the store's pickup option.
   */
  async function prepareCart(
    sku: string,
    quantity: number,
    point: Point,
    options: { pickup?: string; email?: string; customer?: { headers: Record<string, string> } } = {}
  ) {
    // a signed-in customer's cart (the order is then theirs)
    const key = () => ({ headers: { ...keyHeaders().headers, ...(options.customer?.headers ?? {}) } })
    const { data: created } = await api.post("/store/carts", { region_id: getDemo().region_ids.usd }, key())
    const cartId = created.cart.id
    await api.post(`/store/carts/${cartId}/line-items`, { variant_id: (await inventoryItemOf(sku)).variant_id, quantity }, key())
    await api.post(
      `/store/carts/${cartId}`,
      {
        // one shopper per cart: two carts creating the same guest customer at once would collide
        email: options.email ?? `shopper-${Date.now()}-${++shoppers}@example.com`,
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
      key()
    )
    let optionId: string
    if (options.pickup) {
      optionId = await pickupOptionOf(options.pickup)
    } else {
      const { data } = await api.get(`/store/shipping-options?cart_id=${cartId}`, key())
      optionId = (data.shipping_options.find((o: any) => /standard/i.test(o.name)) ?? data.shipping_options[0]).id
    }
    await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: optionId }, key())
    const { data: collection } = await api.post("/store/payment-collections", { cart_id: cartId }, key())
    await api.post(`/store/payment-collections/${collection.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, key())
    return cartId as string
  }

  async function completeCart(cartId: string) {
    const { data: placed } = await api.post(`/store/carts/${cartId}/complete`, {}, key())
    return placed.order.id as string
  }

  /** A webshop order of `quantity` of a SKU shipped to a customer at `point` (or picked up). */
  async function placeOnlineOrder(
    sku: string,
    quantity: number,
    point: Point,
    options: { pickup?: string; email?: string; customer?: { headers: Record<string, string> } } = {}
  ) {
    return await completeCart(await prepareCart(sku, quantity, point, options))
  }

  /** The routing decision, once the order.placed subscriber made it. */
  async function decisionOf(orderId: string, admin: { headers: Record<string, string> }) {
    for (let i = 0; i < 100; i++) {
      const { data } = await api.get(`/admin/orders/${orderId}/routing`, admin)
      if (data.decision) {
        return data
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error(`order ${orderId} was not routed`)
  }

  /** A shopper's point right at a demo location (by key): the nearest node is that one. */
  function near(locationKey: string): Point {
    const l = LOCATIONS.find((x) => x.key === locationKey)!
    return { latitude: l.latitude, longitude: l.longitude }
  }

  /** A customer with a storefront account, signed in: their id and the headers of their requests. */
  async function registeredShopper(email: string, name: { first_name: string; last_name: string } = { first_name: "Robin", last_name: "Regular" }) {
    const container = getContainer()
    const customer = await container.resolve(Modules.CUSTOMER).createCustomers({ email, ...name, has_account: true })
    const auth = container.resolve(Modules.AUTH)
    const { authIdentity } = await auth.register("emailpass", { body: { email, password: "shopper-password" } })
    await auth.updateAuthIdentities({ id: authIdentity!.id, app_metadata: { customer_id: customer.id } })
    const { data } = await api.post("/auth/customer/emailpass", { email, password: "shopper-password" })
    return { id: customer.id, headers: { headers: { authorization: `Bearer ${data.token}`, "x-publishable-api-key": getDemo().publishable_key } } }
  }

  return { key, near, inventoryItemOf, setStock, pickupOptionOf, prepareCart, completeCart, placeOnlineOrder, decisionOf, registeredShopper }
}
