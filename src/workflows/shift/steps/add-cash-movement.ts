import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import { ShiftStatus } from "../../../modules/pos/models/shift"
import type PosModuleService from "../../../modules/pos/service"

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
    const shift = await pos.retrievePosShift(input.shift_id, { select: ["id", "status"] })
    if (shift.status !== ShiftStatus.OPEN) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Shift ${input.shift_id} is closed; open a new shift first`)
    }
    const movement = await pos.createPosCashMovements(input)
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
