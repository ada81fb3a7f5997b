import type { OpeningHours } from "../../../modules/pos/utils/capabilities"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import type { StoreCapabilities } from "../../../modules/pos/utils/capabilities"

export const createPosStoreStepId = "create-pos-store"

export type CreatePosStoreData = {
  name: string
  code: string
  address_1: string
  address_2: string | null
  city: string
  province: string | null
  postal_code: string
  country_code: string
  phone: string | null
  latitude: number
  longitude: number
  timezone: string
  currency_code: string
  opening_hours: OpeningHours | null
  capabilities: StoreCapabilities
  ship_from_store_capacity?: number
  pickup_hold_hours?: number
  stripe_location_id?: string | null
  metadata: Record<string, unknown> | null
}

export const createPosStoreStep = createStep(
  createPosStoreStepId,
  async (data: CreatePosStoreData, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const store = await pos.createPosStores(data)
    return new StepResponse(store, store.id)
  },
  async (storeId, { container }) => {
    if (!storeId) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.deletePosStores(storeId)
  }
)
