import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"

export const updateStaffStepId = "update-pos-staff"

export type UpdateStaffInput = { id: string; first_name?: string; last_name?: string; is_active?: boolean }

export const updateStaffStep = createStep(
  updateStaffStepId,
  async (input: UpdateStaffInput, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const [previous] = await pos.listPosStaffs({ id: input.id }, { select: ["id", "first_name", "last_name", "is_active"] })
    if (!previous) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Staff member ${input.id} was not found`)
    }
    const staff = await pos.updatePosStaffs(input)
    const undo = {
      id: previous.id,
      first_name: previous.first_name,
      last_name: previous.last_name,
      is_active: previous.is_active,
    }
    return new StepResponse(staff, undo)
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.updatePosStaffs(previous)
  }
)
