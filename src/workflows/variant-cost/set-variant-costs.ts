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

type Previous = { variant_id: string; id: string | null; amount: string | null }

/**
 * Sets the unit costs, each variant once; compensation puts back what each
 * had (its amount, or no cost at all).
 */
const setVariantCostsStep = createStep(
  "set-pos-variant-costs",
  async (input: { currency_code: string; costs: VariantCostInput[]; actor_id: string }, { container }) => {
    const pos = container.resolve(POS_MODULE) as PosModuleService
    const ids = input.costs.map((c) => c.variant_id)
    if (new Set(ids).size !== ids.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Each variant appears once in costs")
    }
    const existing = await pos.listPosVariantCosts({ variant_id: ids, currency_code: input.currency_code }, { take: null })
    const byVariant = new Map(existing.map((row: any) => [row.variant_id as string, row]))
    const previous: Previous[] = input.costs.map((c) => {
      const row = byVariant.get(c.variant_id) as any
      return { variant_id: c.variant_id, id: row?.id ?? null, amount: row ? String(row.amount) : null }
    })
    const updates = input.costs.filter((c) => c.amount !== null && byVariant.has(c.variant_id))
    const creates = input.costs.filter((c) => c.amount !== null && !byVariant.has(c.variant_id))
    const removals = input.costs.filter((c) => c.amount === null && byVariant.has(c.variant_id)).map((c) => (byVariant.get(c.variant_id) as any).id as string)
    if (updates.length) {
      await pos.updatePosVariantCosts(updates.map((c) => ({ id: (byVariant.get(c.variant_id) as any).id, amount: c.amount!, updated_by: input.actor_id })))
    }
    const created = creates.length
      ? await pos.createPosVariantCosts(creates.map((c) => ({ variant_id: c.variant_id, currency_code: input.currency_code, amount: c.amount!, updated_by: input.actor_id })))
      : []
    if (removals.length) {
      await pos.deletePosVariantCosts(removals)
    }
    return new StepResponse(
      { set: updates.length + creates.length, removed: removals.length },
      { previous, created: (created as any[]).map((c) => c.id as string), currency_code: input.currency_code }
    )
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const pos = container.resolve(POS_MODULE) as PosModuleService
    if (undo.created.length) {
      await pos.deletePosVariantCosts(undo.created)
    }
    const restore = undo.previous.filter((p) => p.id && p.amount !== null)
    for (const p of restore) {
      const [alive] = await pos.listPosVariantCosts({ id: p.id! })
      if (alive) {
        await pos.updatePosVariantCosts({ id: p.id!, amount: p.amount as unknown as number })
      } else {
        await pos.createPosVariantCosts({ variant_id: p.variant_id, currency_code: undo.currency_code, amount: p.amount as unknown as number })
      }
    }
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
