import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"

export const updatePosStoreStepId = "update-pos-store"

export const updatePosStoreStep = createStep(
  updatePosStoreStepId,
  async (data: { id: string } & Record<string, unknown>, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const fields = Object.keys(data).filter((key) => key !== "id")
    const previous = await pos.retrievePosStore(data.id, { select: ["id", ...fields] as any })
    const store = await pos.updatePosStores(data as any)
    return new StepResponse(store, previous)
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.updatePosStores(previous as any)
  }
)
