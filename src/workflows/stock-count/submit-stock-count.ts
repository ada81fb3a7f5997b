import { MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { POS_MODULE } from "../../modules/pos"
import { StockCountStatus } from "../../modules/pos/models/stock-count"
import type PosModuleService from "../../modules/pos/service"
import { belowReservedError, MAX_COUNT_LINES, type CountItem } from "./utils"

export const submitStockCountWorkflowId = "submit-pos-stock-count"

export type SubmitStockCountInput = {
  count_id: string
  staff_id: string
  /** what was counted, per variant, in all (absolute: sending it again changes nothing) */
  counted: { item: CountItem; counted: number }[]
  /** a manager's authority, asked for before: the staff member who approved (or the manager who sent it) */
  approved_by?: string | null
}

export type SubmitStockCountResult = {
  /** the count waits for a manager and no approval came with this: nothing was recorded, ask for one and send again */
  needs_approval_first: boolean
  /** the count is off by more than the approval threshold (or waited for a manager already): a manager applies it */
  needs_manager: boolean
  store_id: string
  variance_units: number
}

type Before = {
  count: { id: string; status: StockCountStatus; submitted_by: string | null; submitted_at: Date | null; variance_units: number | null }
  updated: { id: string; counted: number | null; expected: number | null }[]
  created: string[]
}

/**
 * Records what was counted and decides whether a manager must apply it: refused unless the count
 * is still being counted; a count waiting for a manager changes only with a manager's approval
 * given beforehand (else nothing is recorded and the answer says so). Above
 * `counts.approval_variance_units` the count is kept `pending_approval` with the expected numbers
 * of this moment. A count below what is reserved is refused. Compensation puts the lines and the
 * count back.
 */
const recordStockCountStep = createStep(
  "record-pos-stock-count-numbers",
  async (input: SubmitStockCountInput, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const count = (await pos.retrievePosStockCount(input.count_id)) as any
    if (![StockCountStatus.OPEN, StockCountStatus.PENDING_APPROVAL].includes(count.status)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Count ${count.id} is ${count.status}: it can no longer change`)
    }
    const answer = (result: Partial<SubmitStockCountResult>): SubmitStockCountResult => ({
      needs_approval_first: false,
      needs_manager: false,
      store_id: count.store_id,
      variance_units: 0,
      ...result,
    })
    if (count.status === StockCountStatus.PENDING_APPROVAL && !input.approved_by) {
      // waiting for a manager: nobody else changes its numbers, nor applies it
      return new StepResponse(answer({ needs_approval_first: true, needs_manager: true }), null as Before | null)
    }
    const lines = (await pos.listPosStockCountLines({ count_id: count.id }, { take: 1000 })) as any[]
    const counted = new Map<string, { item: CountItem; counted: number }>()
    for (const entry of input.counted) {
      // two codes of one SKU (its barcode and its SKU) add up
      const sum = counted.get(entry.item.variant_id)
      counted.set(entry.item.variant_id, { item: entry.item, counted: (sum?.counted ?? 0) + entry.counted })
    }
    const updates: { id: string; counted: number }[] = []
    const created: Record<string, unknown>[] = []
    for (const [variantId, { item, counted: number }] of counted) {
      const line = lines.find((l) => l.variant_id === variantId)
      if (line) {
        updates.push({ id: line.id, counted: number })
      } else {
        created.push({ ...item, count_id: count.id, store_id: count.store_id, location_id: count.location_id, counted: number })
      }
    }
    if (lines.length + created.length > MAX_COUNT_LINES) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `A count has at most ${MAX_COUNT_LINES} SKUs: submit this part and count the rest in a new count`)
    }
    const before: Before = {
      count: { id: count.id, status: count.status, submitted_by: count.submitted_by ?? null, submitted_at: count.submitted_at ?? null, variance_units: count.variance_units ?? null },
      updated: lines.map((l) => ({ id: l.id, counted: l.counted ?? null, expected: l.expected ?? null })),
      created: [],
    }
    if (updates.length) {
      await pos.updatePosStockCountLines(updates)
    }
    if (created.length) {
      before.created = ((await pos.createPosStockCountLines(created as any)) as unknown as any[]).map((l) => l.id)
    }
    const all = (await pos.listPosStockCountLines({ count_id: count.id }, { take: 1000 })) as any[]
    const levels = all.length
      ? ((await container
          .resolve(Modules.INVENTORY)
          .listInventoryLevels({ inventory_item_id: [...new Set(all.map((l) => l.inventory_item_id))], location_id: count.location_id })) as any[])
      : []
    const stocked = new Map(levels.map((l) => [l.inventory_item_id, MathBN.convert(l.stocked_quantity).toNumber()]))
    const reserved = new Map(levels.map((l) => [l.inventory_item_id, MathBN.convert(l.reserved_quantity).toNumber()]))
    // refused before a manager's approval is used (the application checks it again under the items' levels)
    const under = all.find((l) => (l.counted ?? 0) < (reserved.get(l.inventory_item_id) ?? 0))
    if (under) {
      throw belowReservedError(under, under.counted ?? 0, reserved.get(under.inventory_item_id)!)
    }
    // what the system had when the counting was done: the correction is counted minus this, whenever it is applied
    const expectedOf = (l: any) => (count.status === StockCountStatus.PENDING_APPROVAL && l.expected != null ? l.expected : (stocked.get(l.inventory_item_id) ?? 0))
    const variance = all.reduce((sum, l) => sum + Math.abs((l.counted ?? 0) - expectedOf(l)), 0)
    // once a manager was asked, only a manager (or their approval) applies it, whatever the numbers become
    const needsManager = count.status === StockCountStatus.PENDING_APPROVAL || variance > pos.settings.counts.approval_variance_units
    if (needsManager && count.status === StockCountStatus.OPEN) {
      await pos.updatePosStockCountLines(all.map((l) => ({ id: l.id, expected: expectedOf(l) })))
      await pos.updatePosStockCounts({ id: count.id, status: StockCountStatus.PENDING_APPROVAL, submitted_by: input.staff_id, submitted_at: new Date(), variance_units: variance })
    }
    return new StepResponse(answer({ needs_manager: needsManager, variance_units: variance }), before)
  },
  async (before, { container }) => {
    if (!before) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    if (before.created.length) {
      await pos.deletePosStockCountLines(before.created)
    }
    if (before.updated.length) {
      await pos.updatePosStockCountLines(before.updated as any)
    }
    await pos.updatePosStockCounts(before.count as any)
  }
)

/**
 * A count's numbers recorded under the count's lock (the key its application and its cancel
 * take), and whether a manager must apply it. The route asks for the manager's authority (a
 * manager signed in, or an approval by PIN) and then runs applyStockCountWorkflow.
 */
export const submitStockCountWorkflow = createWorkflow(submitStockCountWorkflowId, (input: SubmitStockCountInput) => {
  const lockKey = transform({ input }, ({ input }) => `pos:count:${input.count_id}`)
  acquireLockStep({ key: lockKey, timeout: 10, ttl: 120 })
  const result = recordStockCountStep(input)
  releaseLockStep({ key: lockKey }).config({ continueOnPermanentFailure: true })
  return new WorkflowResponse(result)
})
