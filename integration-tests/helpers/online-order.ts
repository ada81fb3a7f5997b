import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { AxiosInstance } from "axios"
import Stripe from "stripe"
import type { DemoSummary } from "../../demo/seed"
import type { FakeStripe } from "./fake-stripe"

/**
 * A webshop checkout paid by card through Medusa's own Stripe provider, against
 * the fake Stripe: cart, address, shipping, a Stripe payment session, the
 * shopper's card confirmed (as Stripe.js would), the order placed and its
 * payment captured.
 */
export async function placeOnlineStripeOrder(
  api: AxiosInstance,
  container: MedusaContainer,
  input: { demo: DemoSummary; fake: FakeStripe; port: number; sku: string; quantity: number; email: string }
) {
  // Medusa's Stripe provider builds its client from the key alone: point that client at the fake too.
  const payment = container.resolve(Modules.PAYMENT) as any
  const provider = payment.paymentProviderService_.retrieveProvider("pp_stripe_stripe")
  provider.stripe_ = new Stripe("sk_test_pos_fake", { host: "127.0.0.1", port: input.port, protocol: "http" })

  const key = { headers: { "x-publishable-api-key": input.demo.publishable_key } }
  const { data: created } = await api.post("/store/carts", { region_id: input.demo.region_ids.usd }, key)
  const cartId = created.cart.id
  const { data: variants } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({ entity: "product_variant", fields: ["id"], filters: { sku: input.sku } })
  await api.post(`/store/carts/${cartId}/line-items`, { variant_id: (variants[0] as any).id, quantity: input.quantity }, key)
  const address = { first_name: "Ola", last_name: "Nordmann", address_1: "1 Main St", city: "Chicago", province: "us-il", postal_code: "60601", country_code: "us" }
  await api.post(`/store/carts/${cartId}`, { email: input.email, shipping_address: address }, key)
  const { data: options } = await api.get(`/store/shipping-options?cart_id=${cartId}`, key)
  await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: options.shipping_options[0].id }, key)
  const { data: collection } = await api.post("/store/payment-collections", { cart_id: cartId }, key)
  await api.post(`/store/payment-collections/${collection.payment_collection.id}/payment-sessions`, { provider_id: "pp_stripe_stripe" }, key)
  // the shopper confirms the card with Stripe.js: the PaymentIntent waits for capture
  const intent = [...input.fake.paymentIntents.values()].find((p) => p.metadata.session_id && p.status !== "succeeded" && p.status !== "canceled" && p.status !== "requires_capture")!
  Object.assign(intent, { status: "requires_capture", amount_capturable: intent.amount, latest_charge: `ch_online_${cartId}` })
  const { data: placed } = await api.post(`/store/carts/${cartId}/complete`, {}, key)
  if (placed.type !== "order") {
    throw new Error(`the checkout did not place an order: ${JSON.stringify(placed)}`)
  }
  const orderId = placed.order.id as string
  const { data: orders } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order",
    fields: ["payment_collections.payments.id"],
    filters: { id: orderId },
  })
  const paymentId = (orders[0] as any).payment_collections[0].payments[0].id as string
  const { capturePaymentWorkflow } = await import("@medusajs/medusa/core-flows")
  await capturePaymentWorkflow(container).run({ input: { payment_id: paymentId } })
  return { orderId, paymentId, intent }
}
