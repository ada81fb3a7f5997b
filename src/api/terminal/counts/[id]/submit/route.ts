import type { MedusaResponse } from "@medusajs/framework/http"
import { POS_MODULE } from "../../../../../modules/pos"
import { StockCountStatus } from "../../../../../modules/pos/models/stock-count"
import type PosModuleService from "../../../../../modules/pos/service"
import { applyStockCountWorkflow } from "../../../../../workflows/stock-count/apply-stock-count"
import { submitStockCountWorkflow } from "../../../../../workflows/stock-count/submit-stock-count"
import { itemsForCodes } from "../../../../../workflows/stock-count/utils"
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
 * The numbers are recorded by submitStockCountWorkflow and applied by applyStockCountWorkflow,
 * each under the count's lock.
 */
export const POST = async (req: TerminalRequest<TerminalSubmitCountType>, res: MedusaResponse) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const countId = req.params.id
  const { lines: given, approval_id } = req.validatedBody
  const items = given?.length ? await itemsForCodes(req.scope, given.map((l) => l.code)) : new Map()
  const counted = (given ?? []).map((line) => ({ item: items.get(line.code.trim())!, counted: line.counted }))
  const authorize = async (storeId: string) =>
    (await authorizeManagerAction(req, { store_id: storeId, action: "count.approve_variance", approval_id })).approved_by

  // a count waiting for a manager changes only with a manager's authority, asked for first
  const count = await pos.retrievePosStockCount(countId, { select: ["id", "status", "store_id"] })
  let approvedBy: string | undefined = count.status === StockCountStatus.PENDING_APPROVAL ? await authorize(count.store_id) : undefined
  const submit = () => submitStockCountWorkflow(req.scope).run({ input: { count_id: countId, staff_id: req.staff!.id, counted, approved_by: approvedBy ?? null } })
  let { result } = await submit()
  if (result.needs_approval_first) {
    // it went to a manager between the look above and the count's lock
    approvedBy = await authorize(result.store_id)
    ;({ result } = await submit())
  }
  if (result.needs_manager && approvedBy === undefined) {
    approvedBy = await authorize(result.store_id)
  }
  await applyStockCountWorkflow(req.scope).run({ input: { count_id: countId, staff_id: req.staff!.id, approved_by: approvedBy ?? null } })
  res.json({ count: await refetchCount(req.scope, countId) })
}
