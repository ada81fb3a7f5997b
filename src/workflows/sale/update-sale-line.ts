import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteLineItemsWorkflow, updateLineItemInCartWorkflow, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { releaseEndlessAisleStep } from "./steps/endless-aisle"
import { ensureStockInHandStep } from "./steps/ensure-stock-in-hand"
import { checkSaleLimitsStep } from "./steps/check-sale-limits"
import { loadOpenSaleStep } from "./steps/load-open-sale"

export const updateSaleLineWorkflowId = "update-pos-sale-line"

/**
 * Changes the quantity of an item taken home, or removes any line (quantity 0
 * or DELETE; an endless-aisle line's reservation at its node is released).
 * An endless-aisle line's quantity changes through addEndlessAisleLineWorkflow.
 */
export const updateSaleLineWorkflow = createWorkflow(
  updateSaleLineWorkflowId,
  (input: { sale_id: string; line_id: string; quantity: number; location_id: string }) => {
    const sale = loadOpenSaleStep({ sale_id: input.sale_id })
    const { data: carts } = useQueryGraphStep({
      entity: "cart",
      fields: ["id", "items.id", "items.variant_id", "items.quantity"],
      filters: { id: sale.cart_id },
    })
    const line = transform({ input, carts }, ({ input, carts }) => {
      const item = ((carts[0] as any)?.items ?? []).find((i: any) => i?.id === input.line_id)
      if (!item) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Line ${input.line_id} is not on sale ${input.sale_id}`)
      }
      return { id: item.id as string, variant_id: item.variant_id as string, quantity: Number(item.quantity) }
    })

    when({ input }, ({ input }) => input.quantity === 0).then(() => {
      releaseEndlessAisleStep(
        // through `line`: a line that is not on this sale is refused (404) before anything changes
        transform({ input, line }, ({ input, line }) => ({ line_item_ids: [line.id], sale_id: input.sale_id }))
      )
      deleteLineItemsWorkflow.runAsStep({
        input: transform({ line, sale }, ({ line, sale }) => ({ cart_id: sale.cart_id, ids: [line.id] })),
      })
    })
    when({ input }, ({ input }) => input.quantity > 0).then(() => {
      checkSaleLimitsStep(
        transform({ sale, input }, ({ sale, input }) => ({ cart_id: sale.cart_id, quantity: input.quantity }))
      )
      ensureStockInHandStep(
        transform({ input, sale, line }, ({ input, sale, line }) => ({
          sale_id: sale.id,
          store_id: sale.store_id,
          location_id: input.location_id,
          variant_id: line.variant_id,
          quantity: input.quantity,
        }))
      )
      updateLineItemInCartWorkflow.runAsStep({
        input: transform({ input, sale }, ({ input, sale }) => ({
          cart_id: sale.cart_id,
          item_id: input.line_id,
          update: { quantity: input.quantity },
        })),
      })
    })
    return new WorkflowResponse(sale)
  }
)
