import type { MedusaResponse } from "@medusajs/framework/http"
import { MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../modules/pos"
import { StockCountStatus } from "../../../../../modules/pos/models/stock-count"
import type PosModuleService from "../../../../../modules/pos/service"
import { applyStockCountWorkflow } from "../../../../../workflows/stock-count/apply-stock-count"
import { belowReservedError, itemsForCodes, MAX_COUNT_LINES } from "../../../../../workflows/stock-count/utils"
import { authorizeManagerAction, type TerminalRequest } from "../../../utils/staff-access"
import { refetchCount } from "../../helpers"
import type { TerminalSubmitCountType } from "../../validators"

/**
 * Submits what was counted (`lines`: each scanned code with the number found, in all; a SKU of the
 * count not listed keeps what was sent before, or counts 0) and applies it. A count off by more
 * units in total than `counts.approval_variance_units` needs a manager: it is kept as
 * `pending_approval` with the expected numbers of that moment, and answered 403 with
 * `manager_action`; a manager signs in, or approves with their PIN and the same request is sent
 * again with `approval_id` (lines may then be left out). Once pending, it needs a manager whatever
 * the numbers sent later, and the correction stays counted minus what was expected when counted.
 */
export const POST = async (req: TerminalRequest<TerminalSubmitCountType>, res: MedusaResponse) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const countId = req.params.id
  const { lines: given, approval_id } = req.validatedBody
  const items = given?.length ? await itemsForCodes(req.scope, given.map((l) => l.code)) : new Map()

  // who approved it, once a manager was needed (a manager signed in approves by sending it)
  let approvedBy: string | null | undefined = undefined
  // the counted numbers recorded under the count's lock (absolute: sending them again changes nothing)
  const { count, needsManager } = await req.scope.resolve(Modules.LOCKING).execute(`pos:count:${countId}`, async () => {
    const count = (await pos.retrievePosStockCount(countId)) as any
    if (![StockCountStatus.OPEN, StockCountStatus.PENDING_APPROVAL].includes(count.status)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Count ${count.id} is ${count.status}: it can no longer change`)
    }
    if (count.status === StockCountStatus.PENDING_APPROVAL) {
      // waiting for a manager: nobody else changes its numbers, nor applies it
      approvedBy = (await authorizeManagerAction(req, { store_id: count.store_id, action: "count.approve_variance", approval_id })).approved_by
    }
    const lines = (await pos.listPosStockCountLines({ count_id: count.id }, { take: 1000 })) as any[]
    const counted = new Map<string, number>()
    for (const line of given ?? []) {
      const item = items.get(line.code.trim())!
      // two codes of one SKU (its barcode and its SKU) add up
      counted.set(item.variant_id, (counted.get(item.variant_id) ?? 0) + line.counted)
    }
    const updates: { id: string; counted: number }[] = []
    const created: Record<string, unknown>[] = []
    for (const [variantId, number] of counted) {
      const line = lines.find((l) => l.variant_id === variantId)
      if (line) {
        updates.push({ id: line.id, counted: number })
      } else {
        const item = [...items.values()].find((i) => i.variant_id === variantId)!
        created.push({ ...item, count_id: count.id, store_id: count.store_id, location_id: count.location_id, counted: number })
      }
    }
    if (lines.length + created.length > MAX_COUNT_LINES) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `A count has at most ${MAX_COUNT_LINES} SKUs: submit this part and count the rest in a new count`)
    }
    if (updates.length) {
      await pos.updatePosStockCountLines(updates)
    }
    if (created.length) {
      await pos.createPosStockCountLines(created as any)
    }
    const all = (await pos.listPosStockCountLines({ count_id: count.id }, { take: 1000 })) as any[]
    const levels = all.length
      ? ((await req.scope
          .resolve(Modules.INVENTORY)
          .listInventoryLevels({ inventory_item_id: [...new Set(all.map((l) => l.inventory_item_id))], location_id: count.location_id })) as any[])
      : []
    const stocked = new Map(levels.map((l) => [l.inventory_item_id, MathBN.convert(l.stocked_quantity).toNumber()]))
    const reserved = new Map(levels.map((l) => [l.inventory_item_id, MathBN.convert(l.reserved_quantity).toNumber()]))
    // refused before a manager's approval is used up (the workflow checks it again under the items' levels)
    const under = all.find((l) => (l.counted ?? 0) < (reserved.get(l.inventory_item_id) ?? 0))
    if (under) {
      throw belowReservedError(under, under.counted ?? 0, reserved.get(under.inventory_item_id)!)
    }
    // what the system had when the counting was done: the correction is counted minus this, whenever it is applied
    const expectedOf = (l: any) => (count.status === StockCountStatus.PENDING_APPROVAL && l.expected != null ? l.expected : (stocked.get(l.inventory_item_id) ?? 0))
    const variance = all.reduce((sum, l) => sum + Math.abs((l.counted ?? 0) - expectedOf(l)), 0)
    // Once a manager was asked, only a manager (or their approval) applies it, whatever the numbers become.
    const needsManager = count.status === StockCountStatus.PENDING_APPROVAL || variance > pos.settings.counts.approval_variance_units
    if (needsManager && count.status === StockCountStatus.OPEN) {
      // under the lock, so a count canceled meanwhile is never brought back; the expected numbers kept for the approval
      await pos.updatePosStockCountLines(all.map((l) => ({ id: l.id, expected: expectedOf(l) })))
      await pos.updatePosStockCounts({ id: count.id, status: StockCountStatus.PENDING_APPROVAL, submitted_by: req.staff!.id, submitted_at: new Date(), variance_units: variance })
    }
    return { count, variance, needsManager }
  })

  if (needsManager && approvedBy === undefined) {
    approvedBy = (await authorizeManagerAction(req, { store_id: count.store_id, action: "count.approve_variance", approval_id })).approved_by
  }
  await applyStockCountWorkflow(req.scope).run({ input: { count_id: count.id, staff_id: req.staff!.id, approved_by: approvedBy ?? null } })
  res.json({ count: await refetchCount(req.scope, count.id) })
}
