import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep } from "@medusajs/framework/workflows-sdk"

export const validateSalesChannelsStepId = "validate-pos-store-sales-channels"

/**
 * The online channels a store is linked to must exist (linking an unknown id
 * would leave a dangling link) and must not be another store's POS channel
 * (its tills would count this store's stock as their own). Runs before
 * anything is written.
 */
export const validateSalesChannelsStep = createStep(
  validateSalesChannelsStepId,
  async (input: { ids?: string[]; store_id?: string }, { container }) => {
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
    const { data: stores } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
      entity: "pos_store",
      fields: ["id", "name", "sales_channel.id"],
    })
    const others = stores.filter((s: any) => s.id !== input.store_id && ids.includes(s.sales_channel?.id))
    if (others.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `online_sales_channel_ids: ${others.map((s: any) => `${s.sales_channel.id} is the POS channel of ${s.name}`).join("; ")}, not an online channel`
      )
    }
  }
)
