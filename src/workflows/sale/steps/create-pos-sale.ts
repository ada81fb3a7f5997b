import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import { SaleStatus } from "../../../modules/pos/models/sale"
import { ShiftStatus } from "../../../modules/pos/models/shift"
import type PosModuleService from "../../../modules/pos/service"

export const validateSaleShiftStepId = "validate-pos-sale-shift"

/** No sale without an open shift of this store. */
export const validateSaleShiftStep = createStep(
  validateSaleShiftStepId,
  async (input: { store_id: string; shift_id: string }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const [shift] = await pos.listPosShifts(
      { id: input.shift_id, store_id: input.store_id },
      { select: ["id", "status", "register_id"] }
    )
    if (!shift) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Shift ${input.shift_id} was not found in store ${input.store_id}`)
    }
    if (shift.status !== ShiftStatus.OPEN) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Shift ${shift.id} is closed; open a shift to sell`)
    }
    return new StepResponse({ register_id: shift.register_id })
  }
)

export const createPosSaleStepId = "create-pos-sale"

export type CreatePosSaleInput = {
  store_id: string
  store_code: string
  shift_id: string
  register_id: string
  staff_id: string
  cart_id: string
  currency_code: string
}

export const createPosSaleStep = createStep(
  createPosSaleStepId,
  async (input: CreatePosSaleInput, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const { store_code, ...data } = input
    const suffix = input.cart_id.slice(-8).toUpperCase()
    const sale = await pos.createPosSales({
      ...data,
      status: SaleStatus.OPEN,
      receipt_code: `${store_code}-${suffix}`,
    })
    return new StepResponse(sale, sale.id)
  },
  async (saleId, { container }) => {
    if (!saleId) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.deletePosSales(saleId)
  }
)
