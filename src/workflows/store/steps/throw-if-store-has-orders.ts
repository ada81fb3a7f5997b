import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep } from "@medusajs/framework/workflows-sdk"

export const throwIfStoreHasOrdersStepId = "throw-if-pos-store-has-orders"

/**
 * A store that sold or fulfilled anything keeps its records: orders point at
 * its sales channel and stock location. Such a store can only be disabled.
 */
export const throwIfStoreHasOrdersStep = createStep(
  throwIfStoreHasOrdersStepId,
  async (input: { store_id: string; sales_channel_id?: string; location_id?: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const count = async (entity: string, filters: Record<string, string>) => {
      const { data, metadata } = await query.graph({ entity, fields: ["id"], filters, pagination: { take: 1, skip: 0 } })
      return metadata?.count ?? data.length
    }
    const [orders, fulfillments] = await Promise.all([
      input.sales_channel_id ? count("order", { sales_channel_id: input.sales_channel_id }) : 0,
      input.location_id ? count("fulfillment", { location_id: input.location_id }) : 0,
    ])
    if (orders || fulfillments) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Store ${input.store_id} has ${orders} order(s) in its sales channel and ${fulfillments} fulfillment(s) ` +
          `from its stock location, so it cannot be deleted; disable it instead (POST /admin/pos/stores/${input.store_id}/disable)`
      )
    }
  }
)
