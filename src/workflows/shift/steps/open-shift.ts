import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import { ShiftStatus } from "../../../modules/pos/models/shift"
import { StoreStatus } from "../../../modules/pos/models/store"
import { withDefaultCapabilities, type StoreCapabilities } from "../../../modules/pos/utils/capabilities"
import type PosModuleService from "../../../modules/pos/service"

export const openShiftStepId = "open-pos-shift"

export const registerShiftLockKey = (registerId: string) => `pos:register-shift:${registerId}`

export type OpenShiftInput = { store_id: string; register_id: string; opening_float: number; opened_by: string }

/**
 * Opens a shift on a register, under a lock on the register (with Redis
 * locking, across server processes) so two tills racing cannot both open one;
 * the partial unique index on open shifts is the last line of defence.
 */
export const openShiftStep = createStep(
  openShiftStepId,
  async (input: OpenShiftInput, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const locking = container.resolve(Modules.LOCKING)

    const shift = await locking.execute(registerShiftLockKey(input.register_id), async () => {
      const [register] = await pos.listPosRegisters(
        { id: input.register_id, store_id: input.store_id },
        { select: ["id", "name", "is_active"] }
      )
      if (!register) {
        throw new MedusaError(
          MedusaError.Types.NOT_FOUND,
          `Register ${input.register_id} was not found in store ${input.store_id}`
        )
      }
      if (!register.is_active) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Register ${register.id} (${register.name}) is deactivated; an admin can reactivate it`
        )
      }
      const [open] = await pos.listPosShifts(
        { register_id: input.register_id, status: ShiftStatus.OPEN },
        { select: ["id", "opened_by", "opened_at"] }
      )
      if (open) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Register ${register.id} (${register.name}) already has an open shift (${open.id}, opened by ` +
            `${open.opened_by} at ${new Date(open.opened_at).toISOString()}); close it before opening another`
        )
      }
      const store = await pos.retrievePosStore(input.store_id, {
        select: ["name", "status", "capabilities", "currency_code"],
      })
      if (store.status !== StoreStatus.ACTIVE) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Store ${input.store_id} (${store.name}) is disabled; it does not open shifts`
        )
      }
      if (!withDefaultCapabilities(store.capabilities as Partial<StoreCapabilities>).sell) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Store ${input.store_id} (${store.name}) does not sell at the counter (its "sell" switch is off)`
        )
      }
      return pos.createPosShifts({
        ...input,
        currency_code: store.currency_code,
        opened_at: new Date(),
        status: ShiftStatus.OPEN,
      })
    })
    return new StepResponse(shift, shift.id)
  },
  async (shiftId, { container }) => {
    if (!shiftId) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.deletePosShifts(shiftId)
  }
)
