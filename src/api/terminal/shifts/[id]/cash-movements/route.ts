import type { MedusaResponse } from "@medusajs/framework/http"
import { POS_MODULE } from "../../../../../modules/pos"
import type PosModuleService from "../../../../../modules/pos/service"
import { throwIfOverAmountLimit } from "../../../../../workflows/sale/utils/sale-limits"
import { addCashMovementWorkflow } from "../../../../../workflows/shift/add-cash-movement"
import { authorizeManagerAction, type TerminalRequest } from "../../../utils/staff-access"
import { refetchShift } from "../../helpers"
import type { TerminalCashMovementType } from "../../validators"

/** Cash into the drawer (positive amount) by any member; cash out (negative) is a manager action. */
export const POST = async (req: TerminalRequest<TerminalCashMovementType>, res: MedusaResponse) => {
  const { amount, reason, approval_id } = req.validatedBody
  const storeId = req.membership!.store_id
  // bounds before a manager's approval is used up
  const { limits } = req.scope.resolve<PosModuleService>(POS_MODULE).settings
  throwIfOverAmountLimit("amount", Math.abs(amount), limits.max_cash_movement, "max_cash_movement")
  const approved_by =
    amount < 0
      ? (await authorizeManagerAction(req, { store_id: storeId, action: "shift.cash_out", approval_id })).approved_by
      : null

  const { result } = await addCashMovementWorkflow(req.scope).run({
    input: {
      shift_id: req.params.id,
      store_id: storeId,
      amount,
      reason,
      staff_id: req.staff!.id,
      approved_by,
      request_id: req.requestId,
    },
  })
  res.json({ cash_movement: result, shift: await refetchShift(req.scope, req.params.id) })
}
