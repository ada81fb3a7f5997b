import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import { ShiftStatus } from "../../../modules/pos/models/shift"
import type PosModuleService from "../../../modules/pos/service"
import { loadShiftCash, throwIfOpenPaidSales } from "../utils/load-shift-cash"
import { prepareShiftClose } from "../utils/prepare-shift-close"
import { registerShiftLockKey } from "./open-shift"

export const closeShiftStepId = "close-pos-shift"

export type CloseShiftInput = {
  shift_id: string
  counted_cash: number
  closed_by: string
  /** who approved a variance over the threshold; without one, such a close is refused */
  approved_by: string | null
}

export const closeShiftStep = createStep(
  closeShiftStepId,
  async (input: CloseShiftInput, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const locking = container.resolve(Modules.LOCKING)
    const { register_id } = await pos.retrievePosShift(input.shift_id, { select: ["register_id"] })

    const result = await locking.execute(registerShiftLockKey(register_id), async () => {
      const { shift, amounts } = await loadShiftCash(pos, input.shift_id)
      if (shift.status !== ShiftStatus.OPEN) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Shift ${shift.id} is already closed`)
      }
      await throwIfOpenPaidSales(pos, shift.id)
      const plan = prepareShiftClose({
        opening_float: shift.opening_float,
        movements: amounts,
        counted_cash: input.counted_cash,
        variance_threshold: pos.settings.shift_variance_threshold,
      })
      if (plan.needs_manager && !input.approved_by) {
        throw new MedusaError(
          MedusaError.Types.FORBIDDEN,
          `Shift ${shift.id} closes with a variance of ${plan.variance} ${shift.currency_code.toUpperCase()} ` +
            `(expected ${plan.expected_cash}, counted ${plan.counted_cash}); a manager must close it or approve`
        )
      }
      const closed = await pos.updatePosShifts({
        id: shift.id,
        status: ShiftStatus.CLOSED,
        closed_by: input.closed_by,
        closed_at: new Date(),
        expected_cash: plan.expected_cash,
        counted_cash: plan.counted_cash,
        variance: plan.variance,
        variance_approved_by: plan.needs_manager ? input.approved_by : null,
      })
      return { shift: closed, plan }
    })
    return new StepResponse(result, input.shift_id)
  },
  async (shiftId, { container }) => {
    if (!shiftId) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.updatePosShifts({
      id: shiftId,
      status: ShiftStatus.OPEN,
      closed_by: null,
      closed_at: null,
      expected_cash: null,
      counted_cash: null,
      variance: null,
      variance_approved_by: null,
    })
  }
)
