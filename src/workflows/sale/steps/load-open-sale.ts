import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import { SaleStatus } from "../../../modules/pos/models/sale"
import { TenderStatus } from "../../../modules/pos/models/tender"
import type PosModuleService from "../../../modules/pos/service"

export const loadOpenSaleStepId = "load-open-pos-sale"

/**
 * The sale, which must still be open: nothing is added to a completed or voided
 * sale. Its cart is also frozen once money has been taken, so that what was
 * paid and what is sold cannot drift apart.
 */
export const loadOpenSaleStep = createStep(loadOpenSaleStepId, async (input: { sale_id: string }, { container }) => {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const [sale] = await pos.listPosSales({ id: input.sale_id }, { relations: ["tenders"] })
  if (!sale) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Sale ${input.sale_id} was not found`)
  }
  if (sale.status !== SaleStatus.OPEN) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Sale ${sale.id} is ${sale.status}; it cannot change any more`)
  }
  const tendered = sale.tenders.filter((t) => t.status === TenderStatus.SUCCEEDED || t.status === TenderStatus.PENDING)
  if (tendered.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Sale ${sale.id} already has ${tendered.length} tender(s); its lines, customer and promotions are fixed. ` +
        "Complete it, or void it and ring it up again"
    )
  }
  const { tenders, ...rest } = sale
  return new StepResponse(rest)
})
