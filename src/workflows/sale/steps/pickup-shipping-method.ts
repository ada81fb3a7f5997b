import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const addPickupShippingMethodStepId = "add-pos-pickup-shipping-method"

/**
 * The counter's order is handed over at the store: its shipping method is the
 * store's pickup option, at 0 (the plugin creates the option at 0 in every
 * currency; a price a merchant puts on it is for pickups of online orders, never
 * charged at the till). It is added as it is, without Medusa's full
 * add-shipping-method workflow: its option checks (the store's own option, so
 * a paid sale completes even if the store was disabled meanwhile) and its cart
 * refresh (taxes and promotions on a zero amount, the payment collection of an
 * unchanged total) are left out, and no `cart.updated` is emitted.
 * Compensation removes the method again.
 */
export const addPickupShippingMethodStep = createStep(
  addPickupShippingMethodStepId,
  async (input: { cart_id: string; shipping_option_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const cartModule = container.resolve(Modules.CART)
    const [{ data: options }, { data: carts }] = await Promise.all([
      query.graph({ entity: "shipping_option", fields: ["id", "name", "data"], filters: { id: input.shipping_option_id } }),
      query.graph({ entity: "cart", fields: ["shipping_methods.id"], filters: { id: input.cart_id } }),
    ])
    const option = options[0] as any
    if (!option) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The store's pickup shipping option ${input.shipping_option_id} is gone; recreate it through the store settings`
      )
    }
    const existing = (((carts[0] as any)?.shipping_methods ?? []) as any[]).map((m) => m.id)
    // a method left by an interrupted completion is replaced, not doubled
    if (existing.length) {
      await cartModule.softDeleteShippingMethods(existing)
    }
    const [method] = await cartModule.addShippingMethods(input.cart_id, [
      { name: option.name, shipping_option_id: option.id, amount: 0, data: option.data ?? {} },
    ])
    return new StepResponse(void 0, { created_id: method.id, removed: existing })
  },
  async (data, { container }) => {
    if (!data) {
      return
    }
    const cartModule = container.resolve(Modules.CART)
    await cartModule.deleteShippingMethods([data.created_id])
    if (data.removed.length) {
      await cartModule.restoreShippingMethods(data.removed)
    }
  }
)
