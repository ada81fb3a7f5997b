import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"

export const createStaffStepId = "create-pos-staff"

export const createStaffStep = createStep(
  createStaffStepId,
  async (input: { email: string; first_name: string; last_name: string }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const email = input.email.trim().toLowerCase()
    const [existing] = await pos.listPosStaffs({ email }, { select: ["id"] })
    if (existing) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        `A staff member with email ${email} already exists (${existing.id})`
      )
    }
    const staff = await pos.createPosStaffs({ ...input, email })
    return new StepResponse(staff, staff.id)
  },
  async (staffId, { container }) => {
    if (!staffId) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.deletePosStaffs(staffId)
  }
)
