import { MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import { StockCountStatus } from "../../../modules/pos/models/stock-count"
import type PosModuleService from "../../../modules/pos/service"
import { belowReservedError } from "../utils"

/** The count and its lines, refused unless it is still being counted. */
export const loadStockCountStep = createStep("load-pos-stock-count", async (input: { count_id: string }, { container }) => {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const [count] = (await pos.listPosStockCounts({ id: input.count_id })) as any[]
  if (!count) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Count ${input.count_id} was not found`)
  }
  if (![StockCountStatus.OPEN, StockCountStatus.PENDING_APPROVAL].includes(count.status)) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Count ${count.id} is ${count.status}: it can no longer change`)
  }
  const lines = (await pos.listPosStockCountLines({ count_id: count.id }, { order: { created_at: "ASC" }, take: 1000 })) as any[]
  if (!lines.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Count ${count.id} has no lines: scan what is on the shelf first`)
  }
  return new StepResponse({ count, lines })
})

export type CountPlan = {
  /** per line: what the system had, what was counted, the correction */
  lines: { id: string; expected: number; counted: number; corrected: number }[]
  adjustments: { inventory_item_id: string; location_id: string; adjustment: number }[]
  new_levels: { inventory_item_id: string; location_id: string; stocked_quantity: number }[]
  discrepancies: Record<string, unknown>[]
  variance_units: number
}

/**
 * The corrections a count makes at its location: each line's expected number is the level's stocked
 * quantity now, or for a count that waited for a manager, what it was when counted (a line not
 * counted counts 0); the difference becomes an adjustment of the level (or
 * a new level for an item the location had none of) and a discrepancy row. A level cannot go below
 * what is reserved at it: units reserved for orders not yet picked are on the shelf and counted.
 */
export const planStockCountStep = createStep("plan-pos-stock-count", async (input: { count: any; lines: any[] }, { container }) => {
  const inventory = container.resolve(Modules.INVENTORY)
  const { count } = input
  const levels = (await inventory.listInventoryLevels({
    inventory_item_id: [...new Set(input.lines.map((l) => l.inventory_item_id as string))],
    location_id: count.location_id,
  })) as any[]
  const levelOf = new Map(levels.map((l) => [l.inventory_item_id as string, l]))
  const plan: CountPlan = { lines: [], adjustments: [], new_levels: [], discrepancies: [], variance_units: 0 }
  for (const line of input.lines) {
    const level = levelOf.get(line.inventory_item_id)
    const stockedNow = level ? MathBN.convert(level.stocked_quantity).toNumber() : 0
    const reserved = level ? MathBN.convert(level.reserved_quantity).toNumber() : 0
    // a count that waited for a manager keeps what was expected when it was counted (sales since then stay counted)
    const expected = count.status === StockCountStatus.PENDING_APPROVAL && line.expected != null ? line.expected : stockedNow
    const counted = line.counted ?? 0
    const corrected = counted - expected
    // the level after the correction (the count's, plus what moved since it was counted) never below what is reserved
    if (stockedNow + corrected < reserved) {
      throw belowReservedError(line, counted, reserved)
    }
    plan.lines.push({ id: line.id, expected, counted, corrected })
    plan.variance_units += Math.abs(corrected)
    if (corrected === 0) {
      continue
    }
    if (level) {
      plan.adjustments.push({ inventory_item_id: line.inventory_item_id, location_id: count.location_id, adjustment: corrected })
    } else {
      plan.new_levels.push({ inventory_item_id: line.inventory_item_id, location_id: count.location_id, stocked_quantity: Math.max(0, corrected) })
    }
    plan.discrepancies.push({
      store_id: count.store_id,
      location_id: count.location_id,
      inventory_item_id: line.inventory_item_id,
      variant_id: line.variant_id,
      sale_id: null,
      task_id: null,
      reason: `count ${count.id} (${count.label})`,
      available_before: expected - reserved,
      quantity_added: corrected,
    })
  }
  return new StepResponse(plan)
})

/** Writes the count's results on its lines and marks it applied; compensation puts both back. */
export const recordStockCountStep = createStep(
  "record-pos-stock-count",
  async (input: { count: any; plan: CountPlan; staff_id: string; approved_by: string | null }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const linesBefore = (await pos.listPosStockCountLines(
      { id: input.plan.lines.map((l) => l.id) },
      { select: ["id", "expected", "counted", "corrected"] }
    )) as any[]
    await pos.updatePosStockCountLines(input.plan.lines as any)
    const countBefore = {
      id: input.count.id,
      status: input.count.status,
      submitted_by: input.count.submitted_by,
      submitted_at: input.count.submitted_at,
      approved_by: input.count.approved_by,
      applied_at: input.count.applied_at,
      variance_units: input.count.variance_units,
    }
    const count = await pos.updatePosStockCounts({
      id: input.count.id,
      status: StockCountStatus.APPLIED,
      submitted_by: input.staff_id,
      submitted_at: input.count.submitted_at ?? new Date(),
      approved_by: input.approved_by,
      applied_at: new Date(),
      variance_units: input.plan.variance_units,
    })
    return new StepResponse(count as any, { linesBefore, countBefore })
  },
  async (before, { container }) => {
    if (!before) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.updatePosStockCountLines(before.linesBefore)
    await pos.updatePosStockCounts(before.countBefore as any)
  }
)
