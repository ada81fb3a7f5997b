import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import { StaffRole } from "../../../modules/pos/models/staff-membership"
import type PosModuleService from "../../../modules/pos/service"
import { hashPin, verifyPin } from "../../../modules/pos/utils/pin"

export const upsertStaffMembershipStepId = "upsert-pos-staff-membership"

export type UpsertStaffMembershipInput = {
  store_id: string
  staff_id: string
  role: StaffRole
  pin?: string
}

type UpsertResult = { membership: { id: string; role: StaffRole }; created: boolean; pin_changed: boolean }

type Undo =
  | { created: string }
  | { previous: { id: string; role: StaffRole; pin_hash: string | null } }

/**
 * Makes a staff member a member of a store with a role, or changes their role
 * or PIN there. A PIN must differ from every other member's PIN at the store,
 * because a PIN alone says which manager approves.
 */
export const upsertStaffMembershipStep = createStep(
  upsertStaffMembershipStepId,
  async (input: UpsertStaffMembershipInput, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const [store] = await pos.listPosStores({ id: input.store_id }, { select: ["id"] })
    if (!store) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Store ${input.store_id} was not found`)
    }
    const [staff] = await pos.listPosStaffs({ id: input.staff_id }, { select: ["id"] })
    if (!staff) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Staff member ${input.staff_id} was not found`)
    }

    const memberships = await pos.listPosStaffMemberships(
      { store_id: input.store_id },
      { select: ["id", "staff_id", "role", "pin_hash"] }
    )
    const current = memberships.find((m) => m.staff_id === input.staff_id)
    if (input.pin) {
      const taken = memberships.some((m) => m.staff_id !== input.staff_id && verifyPin(input.pin!, m.pin_hash))
      if (taken) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `pin: another member of store ${input.store_id} already uses this PIN; choose a different one`
        )
      }
    }
    const pinHash = input.pin ? hashPin(input.pin) : undefined

    if (current) {
      const membership = await pos.updatePosStaffMemberships({
        id: current.id,
        role: input.role,
        ...(pinHash ? { pin_hash: pinHash, pin_failed_attempts: 0, pin_locked_until: null } : {}),
      })
      return new StepResponse<UpsertResult, Undo>(
        { membership, created: false, pin_changed: !!pinHash },
        { previous: { id: current.id, role: current.role as StaffRole, pin_hash: current.pin_hash } }
      )
    }
    const membership = await pos.createPosStaffMemberships({
      store_id: input.store_id,
      staff_id: input.staff_id,
      role: input.role,
      pin_hash: pinHash ?? null,
    })
    return new StepResponse<UpsertResult, Undo>(
      { membership, created: true, pin_changed: !!pinHash },
      { created: membership.id }
    )
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    if ("created" in undo) {
      await pos.deletePosStaffMemberships(undo.created)
    } else {
      await pos.updatePosStaffMemberships(undo.previous)
    }
  }
)
