import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isDeepStrictEqual } from "node:util"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { throwIfOverSaleLimits } from "../utils/sale-limits"

export const checkSaleLimitsStepId = "check-pos-sale-limits"

export type CheckSaleLimitsInput = {
  cart_id: string
  /** units the change asks for on its line */
  quantity: number
  /**
   * A line being added: Medusa merges it into a line of the same variant with
   * the same metadata, whose units then count too; otherwise it is a new line.
   */
  adds?: { variant_id: string; metadata: Record<string, unknown> }
  /** a line the change removes first (an endless-aisle quantity change) */
  replaces_line_id?: string
}

/** A line's quantity and the sale's line count after a change, checked against the configured limits before anything is written. */
export const checkSaleLimitsStep = createStep(checkSaleLimitsStepId, async (input: CheckSaleLimitsInput, { container }) => {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  let lineQuantity = input.quantity
  let lines = 0
  if (input.adds) {
    const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
      entity: "cart",
      fields: ["id", "items.id", "items.variant_id", "items.quantity", "items.metadata"],
      filters: { id: input.cart_id },
    })
    const items = (((data[0] as any)?.items ?? []) as any[]).filter((item) => item && item.id !== input.replaces_line_id)
    // as stored: a JSON round trip drops what JSON has no place for (undefined)
    const metadata = JSON.parse(JSON.stringify(input.adds.metadata))
    const merged = items.find((item) => item.variant_id === input.adds!.variant_id && isDeepStrictEqual(item.metadata ?? {}, metadata))
    lineQuantity += merged ? Number(merged.quantity) : 0
    lines = items.length + (merged ? 0 : 1)
  }
  throwIfOverSaleLimits(pos.settings.limits, { line_quantity: lineQuantity, lines })
  return new StepResponse(void 0)
})
