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
    const counts = await Promise.all([
      input.sales_channel_id
        ? query.graph({
            entity: "order",
            fields: ["id"],
            filters: { sales_channel_id: input.sales_channel_id },
            pagination: { take: 1, skip: 0 },
          })
        : null,
      input.location_id
        ? query.graph({
            entity: "fulfillment",
            fields: ["id"],
            filters: { location_id: input.location_id },
            pagination: { take: 1, skip: 0 },
          })
        : null,
    ])
    const [orders, fulfillments] = counts.map((result) => result?.metadata?.count ?? result?.data.length ?? 0)
    if (orders || fulfillments) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Store ${input.store_id} has ${orders} order(s) in its sales channel and ${fulfillments} fulfillment(s) ` +
          `from its stock location, so it cannot be deleted; disable it instead (POST /admin/pos/stores/${input.store_id}/disable)`
      )
    }
  }
)
