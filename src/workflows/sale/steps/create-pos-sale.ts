import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import { SaleStatus } from "../../../modules/pos/models/sale"
import { ShiftStatus } from "../../../modules/pos/models/shift"
import type PosModuleService from "../../../modules/pos/service"

export const validateSaleShiftStepId = "validate-pos-sale-shift"

/** No sale without an open shift of this store. */
export const validateSaleShiftStep = createStep(
  validateSaleShiftStepId,
  async (input: { store_id: string; shift_id: string }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const [shift] = await pos.listPosShifts(
      { id: input.shift_id, store_id: input.store_id },
      { select: ["id", "status", "register_id"] }
    )
    if (!shift) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Shift ${input.shift_id} was not found in store ${input.store_id}`)
    }
    if (shift.status !== ShiftStatus.OPEN) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Shift ${shift.id} is closed; open a shift to sell`)
    }
    return new StepResponse({ register_id: shift.register_id })
  }
)

export const createPosSaleStepId = "create-pos-sale"

export type CreatePosSaleInput = {
  store_id: string
  store_code: string
  shift_id: string
  register_id: string
  staff_id: string
  cart_id: string
  currency_code: string
}

export const createPosSaleStep = createStep(
  createPosSaleStepId,
  async (input: CreatePosSaleInput, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const { store_code, ...data } = input
    const suffix = input.cart_id.slice(-8).toUpperCase()
    const sale = await pos.createPosSales({
      ...data,
      status: SaleStatus.OPEN,
      receipt_code: `${store_code}-${suffix}`,
    })
    return new StepResponse(sale, sale.id)
  },
  async (saleId, { container }) => {
    if (!saleId) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.deletePosSales(saleId)
  }
)

export const createSaleCartStepId = "create-pos-sale-cart"

export type CreateSaleCartInput = {
  region_id: string
  sales_channel_id: string
  currency_code: string
  customer_id?: string
  shipping_address: Record<string, string | undefined>
  metadata: Record<string, unknown>
}

/**
 * The sale's Medusa cart, empty, in the store's POS channel, region and
 * currency, addressed to the store. Created with the cart module directly:
 * Medusa's createCartWorkflow would also price items, refresh taxes,
 * promotions and a payment collection, none of which an empty cart has.
 * What it checks is checked here too: the channel is enabled, the region's
 * currency is the store's, the customer exists (and lends the cart its email).
 */
export const createSaleCartStep = createStep(
  createSaleCartStepId,
  async (input: CreateSaleCartInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const [{ data: channels }, { data: regions }, customers] = await Promise.all([
      query.graph({ entity: "sales_channel", fields: ["id", "name", "is_disabled"], filters: { id: input.sales_channel_id } }),
      query.graph({ entity: "region", fields: ["id", "currency_code"], filters: { id: input.region_id } }),
      input.customer_id
        ? container.resolve(Modules.CUSTOMER).listCustomers({ id: input.customer_id }, { select: ["id", "email"] })
        : Promise.resolve([]),
    ])
    const channel = channels[0] as any
    if (!channel) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Sales channel ${input.sales_channel_id} was not found`)
    }
    if (channel.is_disabled) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Unable to sell through the sales channel ${channel.name}: it is disabled`)
    }
    const region = regions[0] as any
    if (!region) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Region ${input.region_id} was not found`)
    }
    if (region.currency_code.toLowerCase() !== input.currency_code.toLowerCase()) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Currency code ${input.currency_code} does not match the region's currency code ${region.currency_code}`
      )
    }
    if (input.customer_id && !customers.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer ${input.customer_id} was not found`)
    }
    const cartModule = container.resolve(Modules.CART)
    const [cart] = await cartModule.createCarts([
      {
        region_id: input.region_id,
        sales_channel_id: input.sales_channel_id,
        currency_code: region.currency_code,
        ...(customers[0] ? { customer_id: customers[0].id, email: customers[0].email ?? undefined } : {}),
        shipping_address: input.shipping_address,
        metadata: input.metadata,
      },
    ])
    return new StepResponse(cart, cart.id)
  },
  async (cartId, { container }) => {
    if (!cartId) {
      return
    }
    await container.resolve(Modules.CART).deleteCarts([cartId])
  }
)
