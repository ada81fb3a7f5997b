import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { throwIfSimulatedReaderOff } from "../../../modules/pos/utils/simulated-reader"

export const createRegisterStepId = "create-pos-register"

export const createRegisterStep = createStep(
  createRegisterStepId,
  async (input: { store_id: string; name: string; stripe_reader_id?: string | null }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    throwIfSimulatedReaderOff(input.stripe_reader_id, pos.settings.simulated_reader)
    const [store] = await pos.listPosStores({ id: input.store_id }, { select: ["id"] })
    if (!store) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Store ${input.store_id} was not found`)
    }
    const [sameName] = await pos.listPosRegisters({ store_id: input.store_id, name: input.name }, { select: ["id"] })
    if (sameName) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        `Store ${input.store_id} already has a register named "${input.name}" (${sameName.id})`
      )
    }
    const register = await pos.createPosRegisters(input)
    return new StepResponse(register, register.id)
  },
  async (registerId, { container }) => {
    if (!registerId) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.deletePosRegisters(registerId)
  }
)
