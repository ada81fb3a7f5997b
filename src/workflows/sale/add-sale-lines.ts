import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { addToCartWorkflow } from "@medusajs/medusa/core-flows"
import { ensureSaleStockInHandStep } from "./steps/ensure-stock-in-hand"
import { loadOpenSaleStep } from "./steps/load-open-sale"

export const addSaleLinesWorkflowId = "add-pos-sale-lines"

export type AddSaleLinesWorkflowInput = {
  sale_id: string
  location_id: string
  /** items taken home; a price fixed elsewhere (an offline sale's price stands) */
  lines: { variant_id: string; quantity: number; unit_price?: number }[]
}

/**
 * Adds many items taken home at once (an offline sale replayed at sync): the
 * store's stock raised for what is in hand, then one Medusa add-to-cart for
 * all of them, so that the work grows with the number of lines instead of
 * pricing and taxing the whole cart again for each one. A failure undoes the
 * raise.
 */
export const addSaleLinesWorkflow = createWorkflow(addSaleLinesWorkflowId, (input: AddSaleLinesWorkflowInput) => {
  const sale = loadOpenSaleStep({ sale_id: input.sale_id })
  ensureSaleStockInHandStep(
    transform({ input, sale }, ({ input, sale }) => ({
      sale_id: sale.id,
      store_id: sale.store_id,
      location_id: input.location_id,
      items: input.lines.map((line, index) => ({ id: `line-${index}`, variant_id: line.variant_id, quantity: line.quantity })),
    }))
  )
  addToCartWorkflow.runAsStep({
    input: transform({ input, sale }, ({ input, sale }) => ({
      cart_id: sale.cart_id,
      items: input.lines.map((line) => ({
        variant_id: line.variant_id,
        quantity: line.quantity,
        ...(line.unit_price != null ? { unit_price: line.unit_price } : {}),
      })),
    })),
  })
  return new WorkflowResponse(sale)
})
