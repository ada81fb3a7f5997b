import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { addToCartWorkflow, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { ensureStockInHandStep } from "./steps/ensure-stock-in-hand"
import { loadOpenSaleStep } from "./steps/load-open-sale"
import { endlessOf } from "./utils/endless-aisle"

export const addSaleLineWorkflowId = "add-pos-sale-line"

export type AddSaleLineWorkflowInput = {
  sale_id: string
  location_id: string
  variant_id: string
  quantity: number
  /** a price fixed elsewhere (an offline sale's price stands); default: Medusa's price */
  unit_price?: number
}

/** Adds an item taken home; scanning the same item again raises the line's quantity. */
export const addSaleLineWorkflow = createWorkflow(addSaleLineWorkflowId, (input: AddSaleLineWorkflowInput) => {
  const sale = loadOpenSaleStep({ sale_id: input.sale_id })
  const { data: carts } = useQueryGraphStep({
    entity: "cart",
    fields: ["id", "items.variant_id", "items.quantity", "items.metadata"],
    filters: { id: sale.cart_id },
  })
  ensureStockInHandStep(
    transform({ input, sale, carts }, ({ input, sale, carts }) => ({
      sale_id: sale.id,
      store_id: sale.store_id,
      location_id: input.location_id,
      variant_id: input.variant_id,
      quantity:
        input.quantity +
        ((carts[0] as any)?.items ?? [])
          // lines sent from another node (endless aisle) are not in hand
          .filter((item: any) => item?.variant_id === input.variant_id && !endlessOf(item))
          .reduce((sum: number, item: any) => sum + Number(item.quantity), 0),
    }))
  )
  addToCartWorkflow.runAsStep({
    input: transform({ input, sale }, ({ input, sale }) => ({
      cart_id: sale.cart_id,
      items: [
        {
          variant_id: input.variant_id,
          quantity: input.quantity,
          ...(input.unit_price != null ? { unit_price: input.unit_price } : {}),
        },
      ],
    })),
  })
  return new WorkflowResponse(sale)
})
