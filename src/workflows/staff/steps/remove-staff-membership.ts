import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"

export const removeStaffMembershipStepId = "remove-pos-staff-membership"

export const removeStaffMembershipStep = createStep(
  removeStaffMembershipStepId,
  async (input: { store_id: string; staff_id: string }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const [membership] = await pos.listPosStaffMemberships(
      { store_id: input.store_id, staff_id: input.staff_id },
      { select: ["id"] }
    )
    if (!membership) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Staff member ${input.staff_id} is not a member of store ${input.store_id}`
      )
    }
    await pos.softDeletePosStaffMemberships(membership.id)
    return new StepResponse(membership.id, membership.id)
  },
  async (membershipId, { container }) => {
    if (!membershipId) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.restorePosStaffMemberships(membershipId)
  }
)
