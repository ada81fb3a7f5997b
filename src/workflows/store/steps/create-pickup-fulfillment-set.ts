import type { IFulfillmentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const createPickupFulfillmentSetStepId = "create-pos-pickup-fulfillment-set"

/**
 * The store's fulfillment set of type `pickup` (what the dashboard shows as
 * "awaiting pickup") with one service zone covering the store's country.
 */
export const createPickupFulfillmentSetStep = createStep(
  createPickupFulfillmentSetStepId,
  async (input: { name: string; country_code: string }, { container }) => {
    const fulfillment: IFulfillmentModuleService = container.resolve(Modules.FULFILLMENT)
    const set = await fulfillment.createFulfillmentSets({
      name: `${input.name} pickup`,
      type: "pickup",
      service_zones: [
        {
          name: `${input.name} pickup counter`,
          geo_zones: [{ type: "country", country_code: input.country_code.toLowerCase() }],
        },
      ],
    })
    const full = await fulfillment.retrieveFulfillmentSet(set.id, { relations: ["service_zones"] })
    return new StepResponse(
      { id: full.id, service_zone_id: full.service_zones[0].id },
      full.id
    )
  },
  async (setId, { container }) => {
    if (!setId) {
      return
    }
    const fulfillment: IFulfillmentModuleService = container.resolve(Modules.FULFILLMENT)
    await fulfillment.deleteFulfillmentSets([setId])
  }
)
