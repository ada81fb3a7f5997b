import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { throwIfOverSaleLimits } from "../utils/sale-limits"

export const checkSaleLimitsStepId = "check-pos-sale-limits"

/** A line's quantity and the sale's line count after a change, checked against the configured limits before anything is written. */
export const checkSaleLimitsStep = createStep(
  checkSaleLimitsStepId,
  async (input: { cart_id: string; line_quantity: number; adds_line: boolean }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    let lines = 0
    if (input.adds_line) {
      const { data } = await container
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "cart", fields: ["id", "items.id"], filters: { id: input.cart_id } })
      lines = (((data[0] as any)?.items ?? []) as unknown[]).length + 1
    }
    throwIfOverSaleLimits(pos.settings.limits, { line_quantity: input.line_quantity, lines })
    return new StepResponse(void 0)
  }
)
