import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../modules/pos"
import type PosModuleService from "../../modules/pos/service"
import { createAuditLogStep } from "../audit/steps/create-audit-log"

export const setVariantCostsWorkflowId = "set-pos-variant-costs"

/** `amount` null removes the variant's cost in that currency. */
export type VariantCostInput = { variant_id: string; amount: number | null }
export type SetVariantCostsInput = {
  currency_code: string
  costs: VariantCostInput[]
  actor_id: string
  request_id?: string
  /** "dashboard" or "csv": kept in the audit row */
  source: "api" | "csv"
}

/**
 * Sets the unit costs, each variant once, in one transaction (all or none);
 * compensation puts back what each had (its amount, or no cost at all).
 */
const setVariantCostsStep = createStep(
  "set-pos-variant-costs",
  async (input: { currency_code: string; costs: VariantCostInput[]; actor_id: string }, { container }) => {
    const ids = input.costs.map((c) => c.variant_id)
    if (new Set(ids).size !== ids.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Each variant appears once in costs")
    }
    const pos = container.resolve(POS_MODULE) as PosModuleService
    const { set, removed, previous } = await pos.setVariantCosts({ currency_code: input.currency_code, costs: input.costs, updated_by: input.actor_id })
    return new StepResponse({ set, removed }, { currency_code: input.currency_code, previous })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    await (container.resolve(POS_MODULE) as PosModuleService).setVariantCosts({ currency_code: undo.currency_code, costs: undo.previous, updated_by: null })
  }
)

/** Unit costs for the scorecard's margin and GMROI (docs/reports.md), audited as one row. */
export const setVariantCostsWorkflow = createWorkflow(setVariantCostsWorkflowId, (input: SetVariantCostsInput) => {
  const result = setVariantCostsStep(
    transform({ input }, ({ input }) => ({ currency_code: input.currency_code, costs: input.costs, actor_id: input.actor_id }))
  )
  createAuditLogStep(
    transform({ input, result }, ({ input, result }) => [
      {
        actor_type: "user" as const,
        actor_id: input.actor_id,
        action: "variant_cost.updated",
        resource_type: "pos_variant_cost",
        request_id: input.request_id ?? null,
        data: {
          currency_code: input.currency_code,
          source: input.source,
          set: result.set,
          removed: result.removed,
          // the first hundred changes; a large import is summarised by its counts
          costs: input.costs.slice(0, 100),
        },
      },
    ])
  )
  return new WorkflowResponse(result)
})
