import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import { ShiftStatus } from "../../../modules/pos/models/shift"
import type PosModuleService from "../../../modules/pos/service"
import { registerShiftLockKey } from "./open-shift"

export const addCashMovementStepId = "add-pos-cash-movement"

export type AddCashMovementInput = {
  shift_id: string
  amount: number
  reason: string
  staff_id: string
  approved_by: string | null
}

export const addCashMovementStep = createStep(
  addCashMovementStepId,
  async (input: AddCashMovementInput, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const { register_id } = await pos.retrievePosShift(input.shift_id, { select: ["register_id"] })
    // Under the register's lock: a movement cannot slip in while the shift closes.
    const movement = await container.resolve(Modules.LOCKING).execute(registerShiftLockKey(register_id), async () => {
      const shift = await pos.retrievePosShift(input.shift_id, { select: ["id", "status"] })
      if (shift.status !== ShiftStatus.OPEN) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Shift ${input.shift_id} is closed; open a new shift first`)
      }
      return pos.createPosCashMovements(input)
    })
    return new StepResponse(movement, movement.id)
  },
  async (movementId, { container }) => {
    if (!movementId) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.deletePosCashMovements(movementId)
  }
)
