import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { throwIfSimulatedReaderOff } from "../../../modules/pos/utils/simulated-reader"

export const updateRegisterStepId = "update-pos-register"

export type UpdateRegisterInput = {
  store_id: string
  id: string
  name?: string
  stripe_reader_id?: string | null
  is_active?: boolean
}

export const updateRegisterStep = createStep(
  updateRegisterStepId,
  async ({ store_id, ...update }: UpdateRegisterInput, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    throwIfSimulatedReaderOff(update.stripe_reader_id, pos.settings.simulated_reader)
    const [previous] = await pos.listPosRegisters(
      { id: update.id, store_id },
      { select: ["id", "name", "stripe_reader_id", "is_active"] }
    )
    if (!previous) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Register ${update.id} was not found in store ${store_id}`)
    }
    if (update.name && update.name !== previous.name) {
      const [sameName] = await pos.listPosRegisters({ store_id, name: update.name }, { select: ["id"] })
      if (sameName) {
        throw new MedusaError(
          MedusaError.Types.DUPLICATE_ERROR,
          `Store ${store_id} already has a register named "${update.name}" (${sameName.id})`
        )
      }
    }
    const register = await pos.updatePosRegisters(update)
    const undo = {
      id: previous.id,
      name: previous.name,
      stripe_reader_id: previous.stripe_reader_id,
      is_active: previous.is_active,
    }
    return new StepResponse(register, undo)
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.updatePosRegisters(previous)
  }
)
