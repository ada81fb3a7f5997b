import type { IFulfillmentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const setPickupOptionEnabledStepId = "set-pos-pickup-option-enabled"

type RuleUpdate = { id: string; attribute: string; operator: "eq"; value: string }

/**
 * Shows or hides a store's pickup shipping options at checkout through their
 * `enabled_in_store` rule, which the storefront's shipping-option listing filters on.
 */
export const setPickupOptionEnabledStep = createStep(
  setPickupOptionEnabledStepId,
  async (input: { shipping_option_ids: string[]; enabled: boolean }, { container }) => {
    if (!input.shipping_option_ids.length) {
      return new StepResponse(void 0, [] as RuleUpdate[])
    }
    const fulfillment: IFulfillmentModuleService = container.resolve(Modules.FULFILLMENT)
    const options = await fulfillment.listShippingOptions(
      { id: input.shipping_option_ids },
      { relations: ["rules"] }
    )
    const value = String(input.enabled)
    const previous: RuleUpdate[] = options
      .flatMap((option) => option.rules ?? [])
      .filter((rule) => rule.attribute === "enabled_in_store" && ruleValue(rule.value) !== value)
      .map((rule) => ({ id: rule.id, attribute: rule.attribute, operator: "eq", value: ruleValue(rule.value) }))
    if (previous.length) {
      await fulfillment.updateShippingOptionRules(previous.map((rule) => ({ ...rule, value })))
    }
    return new StepResponse(void 0, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    const fulfillment: IFulfillmentModuleService = container.resolve(Modules.FULFILLMENT)
    await fulfillment.updateShippingOptionRules(previous)
  }
)

// Rule values come back as the stored JSON value; the DTO types them as `{ value }`.
function ruleValue(value: unknown): string {
  const raw = value && typeof value === "object" && "value" in value ? (value as { value: unknown }).value : value
  return String(raw)
}
