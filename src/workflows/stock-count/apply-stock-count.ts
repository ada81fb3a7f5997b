import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, adjustInventoryLevelsStep, createInventoryLevelsStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { recordDiscrepanciesStep } from "../store-tasks/steps/task-steps"
import { loadStockCountStep, planStockCountStep, recordStockCountStep } from "./steps/count-steps"

export const applyStockCountWorkflowId = "apply-pos-stock-count"

export type ApplyStockCountInput = { count_id: string; staff_id: string; approved_by: string | null }

/**
 * Applies a cycle count under the count's lock: the expected numbers read from the location's
 * levels, each difference corrected through Medusa's inventory steps (`adjustInventoryLevelsStep`
 * under the items' locks, `createInventoryLevelsStep` for an item the location had no level of),
 * so the inventory module's events fire, a discrepancy row per corrected SKU, and the count's
 * lines keep expected, counted and corrected (what inventory accuracy is computed from). A
 * failure half-way puts levels, rows and the count back.
 */
export const applyStockCountWorkflow = createWorkflow(applyStockCountWorkflowId, (input: ApplyStockCountInput) => {
  const lockKey = transform({ input }, ({ input }) => `pos:count:${input.count_id}`)
  acquireLockStep({ key: lockKey, timeout: 10, ttl: 120 })
  const loaded = loadStockCountStep({ count_id: input.count_id })
  const plan = planStockCountStep(transform({ loaded }, ({ loaded }) => ({ count: loaded.count, lines: loaded.lines })))
  // Medusa's steps, not renamed: a step renamed inside when() loses its compensation (Medusa 2.21)
  when("pos-count-new-levels", { plan }, ({ plan }) => plan.new_levels.length > 0).then(() => {
    createInventoryLevelsStep(transform({ plan }, ({ plan }) => plan.new_levels))
  })
  when("pos-count-adjust", { plan }, ({ plan }) => plan.adjustments.length > 0).then(() => {
    adjustInventoryLevelsStep(transform({ plan }, ({ plan }) => plan.adjustments))
  })
  recordDiscrepanciesStep(transform({ plan }, ({ plan }) => plan.discrepancies))
  const count = recordStockCountStep(
    transform({ input, loaded, plan }, ({ input, loaded, plan }) => ({ count: loaded.count, plan, staff_id: input.staff_id, approved_by: input.approved_by }))
  )
  createAuditLogStep(
    transform({ input, loaded, plan }, ({ input, loaded, plan }) => [
      {
        actor_type: "staff" as const,
        actor_id: input.staff_id,
        store_id: loaded.count.store_id as string,
        action: "count.applied",
        resource_type: "pos_stock_count",
        resource_id: loaded.count.id as string,
        approved_by: input.approved_by,
        data: { label: loaded.count.label, lines: plan.lines.length, corrected: plan.discrepancies.length, variance_units: plan.variance_units },
      },
    ])
  )
  emitEventStep({
    eventName: "pos.count.applied",
    data: transform({ loaded, plan }, ({ loaded, plan }) => ({ id: loaded.count.id, store_id: loaded.count.store_id, variance_units: plan.variance_units })),
  })
  releaseLockStep({ key: lockKey }).config({ continueOnPermanentFailure: true })
  return new WorkflowResponse(count)
})
