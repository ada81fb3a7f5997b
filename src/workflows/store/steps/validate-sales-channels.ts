import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep } from "@medusajs/framework/workflows-sdk"

export const validateSalesChannelsStepId = "validate-pos-store-sales-channels"

/**
 * The online channels a store is linked to must exist: linking an unknown id
 * would leave a dangling link. Runs before anything is written.
 */
export const validateSalesChannelsStep = createStep(
  validateSalesChannelsStepId,
  async (input: { ids?: string[] }, { container }) => {
    const ids = [...new Set(input.ids ?? [])]
    if (!ids.length) {
      return
    }
    const channels = await container.resolve(Modules.SALES_CHANNEL).listSalesChannels({ id: ids }, { select: ["id"] })
    const found = new Set(channels.map((c) => c.id))
    const unknown = ids.filter((id) => !found.has(id))
    if (unknown.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `online_sales_channel_ids: sales channel ${unknown.join(", ")} ${unknown.length === 1 ? "does" : "do"} not exist`
      )
    }
  }
)
