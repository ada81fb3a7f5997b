import { MedusaError } from "@medusajs/framework/utils"
import { createStep } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"

export const validateStoreCodeStepId = "validate-pos-store-code"

/** Store codes are unique among stores that are not deleted. */
export const validateStoreCodeStep = createStep(
  validateStoreCodeStepId,
  async (input: { code: string; except_id?: string }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const [existing] = await pos.listPosStores({ code: input.code }, { select: ["id"] })
    if (existing && existing.id !== input.except_id) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        `A store with code ${input.code} already exists (${existing.id}); store codes are unique`
      )
    }
  }
)
