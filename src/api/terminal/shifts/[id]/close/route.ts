import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../modules/pos"
import type PosModuleService from "../../../../../modules/pos/service"
import { closeShiftWorkflow } from "../../../../../workflows/shift/close-shift"
import { loadShiftCash, throwIfOpenPaidSales } from "../../../../../workflows/shift/utils/load-shift-cash"
import { prepareShiftClose } from "../../../../../workflows/shift/utils/prepare-shift-close"
import { authorizeManagerAction, type TerminalRequest } from "../../../utils/staff-access"
import { refetchShift } from "../../helpers"
import type { TerminalCloseShiftType } from "../../validators"

/**
 * Closes the shift with the counted cash → expected, counted, variance. A
 * variance over the store's threshold is a manager action.
 */
export const POST = async (req: TerminalRequest<TerminalCloseShiftType>, res: MedusaResponse) => {
  const { counted_cash, approval_id } = req.validatedBody
  const storeId = req.membership!.store_id
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)

  const { shift, amounts } = await loadShiftCash(pos, req.params.id)
  if (shift.status !== "open") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Shift ${shift.id} is already closed`)
  }
  await throwIfOpenPaidSales(pos, shift.id)
  const preview = prepareShiftClose({
    opening_float: shift.opening_float,
    movements: amounts,
    counted_cash,
    variance_threshold: pos.settings.shift_variance_threshold,
  })
  const approved_by = preview.needs_manager
    ? (await authorizeManagerAction(req, { store_id: storeId, action: "shift.close_with_variance", approval_id }))
        .approved_by
    : null

  const { result } = await closeShiftWorkflow(req.scope).run({
    input: {
      shift_id: shift.id,
      store_id: storeId,
      counted_cash,
      closed_by: req.staff!.id,
      approved_by,
      request_id: req.requestId,
    },
  })
  res.json({
    shift: await refetchShift(req.scope, shift.id),
    expected_cash: result.plan.expected_cash,
    counted_cash: result.plan.counted_cash,
    variance: result.plan.variance,
  })
}
