import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"

export const deletePosStoreStepId = "delete-pos-store"

/** Soft-deletes the store with its registers and memberships; restored on compensation. */
export const deletePosStoreStep = createStep(
  deletePosStoreStepId,
  async (storeId: string, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.softDeletePosStores(storeId)
    return new StepResponse(void 0, storeId)
  },
  async (storeId, { container }) => {
    if (!storeId) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.restorePosStores(storeId)
  }
)
