import { PromotionActions } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateCartPromotionsWorkflow, updateCartWorkflow } from "@medusajs/medusa/core-flows"
import { loadOpenSaleStep } from "./steps/load-open-sale"

export const updateSaleCartWorkflowId = "update-pos-sale-cart"

export type UpdateSaleCartWorkflowInput = {
  sale_id: string
  /** attach a known customer, or find or create one by email */
  customer?: { customer_id?: string; email?: string }
  promotion?: { code: string; action: "add" | "remove" }
}

/**
 * Changes an open sale's cart through Medusa's own cart workflows: the
 * customer (found or created by email), or promotion codes, with taxes and
 * totals recomputed as Medusa does for any cart.
 */
export const updateSaleCartWorkflow = createWorkflow(updateSaleCartWorkflowId, (input: UpdateSaleCartWorkflowInput) => {
  const sale = loadOpenSaleStep({ sale_id: input.sale_id })

  when({ input }, ({ input }) => !!input.customer).then(() => {
    updateCartWorkflow.runAsStep({
      input: transform({ input, sale }, ({ input, sale }) => ({
        id: sale.cart_id,
        ...(input.customer!.customer_id ? { customer_id: input.customer!.customer_id } : {}),
        ...(input.customer!.email ? { email: input.customer!.email } : {}),
      })),
    })
  })

  when({ input }, ({ input }) => !!input.promotion).then(() => {
    updateCartPromotionsWorkflow.runAsStep({
      input: transform({ input, sale }, ({ input, sale }) => ({
        cart_id: sale.cart_id,
        promo_codes: [input.promotion!.code],
        action: input.promotion!.action === "add" ? PromotionActions.ADD : PromotionActions.REMOVE,
      })),
    })
  })

  return new WorkflowResponse(sale)
})
