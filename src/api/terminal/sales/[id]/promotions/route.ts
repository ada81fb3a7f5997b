import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { updateSaleCartWorkflow } from "../../../../../workflows/sale/update-sale-cart"
import type { TerminalRequest } from "../../../utils/staff-access"
import { refetchSale } from "../../helpers"
import type { TerminalSalePromotionType } from "../../validators"

/** Applies (or removes) a promotion code; Medusa's promotion module decides what it takes off. */
export const POST = async (req: TerminalRequest<TerminalSalePromotionType>, res: MedusaResponse) => {
  const { code, action } = req.validatedBody
  await updateSaleCartWorkflow(req.scope).run({ input: { sale_id: req.params.id, promotion: { code, action } } })
  const sale = await refetchSale(req.scope, req.params.id)
  if (action === "add" && !sale.promotions.some((applied: string) => applied.toLowerCase() === code.toLowerCase())) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Promotion code ${code} does not apply to sale ${req.params.id} (unknown, ended, or its rules do not match)`
    )
  }
  res.json({ sale })
}
