import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import { SaleStatus } from "../../../modules/pos/models/sale"
import type PosModuleService from "../../../modules/pos/service"

export const loadOpenSaleStepId = "load-open-pos-sale"

/** The sale, which must still be open: nothing is added to a completed or voided sale. */
export const loadOpenSaleStep = createStep(loadOpenSaleStepId, async (input: { sale_id: string }, { container }) => {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const [sale] = await pos.listPosSales({ id: input.sale_id })
  if (!sale) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Sale ${input.sale_id} was not found`)
  }
  if (sale.status !== SaleStatus.OPEN) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Sale ${sale.id} is ${sale.status}; it cannot change any more`)
  }
  return new StepResponse(sale)
})
