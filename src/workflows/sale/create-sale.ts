import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createPosSaleStep, createSaleCartStep, validateSaleShiftStep } from "./steps/create-pos-sale"
import { isoProvince, type StoreContext } from "./utils/store-context"

export const createSaleWorkflowId = "create-pos-sale"

export type CreateSaleWorkflowInput = {
  context: StoreContext
  shift_id: string
  staff_id: string
  customer_id?: string
}

/**
 * Starts a sale: a Medusa cart in the store's POS sales channel and region,
 * addressed to the store (so taxes are the store's), tied to an open shift.
 */
export const createSaleWorkflow = createWorkflow(createSaleWorkflowId, (input: CreateSaleWorkflowInput) => {
  const shift = validateSaleShiftStep({ store_id: input.context.store.id, shift_id: input.shift_id })

  const cartInput = transform({ input }, ({ input }) => ({
    region_id: input.context.region_id,
    sales_channel_id: input.context.sales_channel_id,
    currency_code: input.context.store.currency_code,
    customer_id: input.customer_id,
    shipping_address: {
      address_1: input.context.store.address.address_1 ?? undefined,
      city: input.context.store.address.city ?? undefined,
      province: isoProvince(input.context.store.address.country_code, input.context.store.address.province),
      postal_code: input.context.store.address.postal_code ?? undefined,
      country_code: input.context.store.address.country_code ?? undefined,
    },
    metadata: { pos_store_id: input.context.store.id },
  }))
  const cart = createSaleCartStep(cartInput)

  const sale = createPosSaleStep(
    transform({ input, shift, cart }, ({ input, shift, cart }) => ({
      store_id: input.context.store.id,
      store_code: input.context.store.code,
      shift_id: input.shift_id,
      register_id: shift.register_id,
      staff_id: input.staff_id,
      cart_id: cart.id,
      currency_code: input.context.store.currency_code,
    }))
  )
  emitEventStep({ eventName: "cart.created", data: transform({ cart }, ({ cart }) => ({ id: cart.id })) })
  return new WorkflowResponse(sale)
})
