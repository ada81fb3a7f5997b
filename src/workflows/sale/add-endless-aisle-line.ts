import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { addToCartWorkflow, deleteLineItemsWorkflow } from "@medusajs/medusa/core-flows"
import { releaseEndlessAisleStep, reserveEndlessAisleStep } from "./steps/endless-aisle"
import { checkSaleLimitsStep } from "./steps/check-sale-limits"
import { loadOpenSaleStep } from "./steps/load-open-sale"
import { ENDLESS_AISLE_KEY, type EndlessAisleLine } from "./utils/endless-aisle"

export const addEndlessAisleLineWorkflowId = "add-pos-endless-aisle-line"

export type AddEndlessAisleLineWorkflowInput = {
  sale_id: string
  variant_id: string
  quantity: number
  /** the node and destination (chooseSource), kept on the line */
  line: EndlessAisleLine
  /** what to reserve at the node for this quantity */
  inventory: { inventory_item_id: string; quantity: number }[]
  /** a line this one replaces (a quantity change): its reservations are released first */
  replace_line_id?: string
}

/**
 * Sells a line the store does not hand over: shipped to the customer or picked
 * up at a chosen store, from the node chosen for it. The line joins the sale's
 * Medusa cart (priced and taxed by Medusa like any other) and its stock is
 * reserved at that node at once; if the node no longer has it, nothing stays.
 */
export const addEndlessAisleLineWorkflow = createWorkflow(
  addEndlessAisleLineWorkflowId,
  (input: AddEndlessAisleLineWorkflowInput) => {
    const sale = loadOpenSaleStep({ sale_id: input.sale_id })
    checkSaleLimitsStep(
      transform({ input, sale }, ({ input, sale }) => ({
        cart_id: sale.cart_id,
        quantity: input.quantity,
        adds: { variant_id: input.variant_id, metadata: { [ENDLESS_AISLE_KEY]: input.line } },
        replaces_line_id: input.replace_line_id,
      }))
    )
    when({ input }, ({ input }) => !!input.replace_line_id).then(() => {
      releaseEndlessAisleStep(
        transform({ input }, ({ input }) => ({ line_item_ids: [input.replace_line_id!], sale_id: input.sale_id }))
      )
      deleteLineItemsWorkflow.runAsStep({
        input: transform({ input, sale }, ({ input, sale }) => ({ cart_id: sale.cart_id, ids: [input.replace_line_id!] })),
      })
    })
    addToCartWorkflow.runAsStep({
      input: transform({ input, sale }, ({ input, sale }) => ({
        cart_id: sale.cart_id,
        items: [
          {
            variant_id: input.variant_id,
            quantity: input.quantity,
            metadata: { [ENDLESS_AISLE_KEY]: input.line },
            // Medusa checks stock at the POS channel's location (this store),
            // which is not where this line comes from: the node's stock is
            // checked and reserved below, under the inventory lock.
            allow_backorder: true,
          },
        ],
      })),
    })
    const reserved = reserveEndlessAisleStep(
      transform({ input, sale }, ({ input, sale }) => ({
        sale_id: sale.id,
        cart_id: sale.cart_id,
        variant_id: input.variant_id,
        line: input.line,
        inventory: input.inventory,
      }))
    )
    return new WorkflowResponse(transform({ sale, reserved }, ({ sale, reserved }) => ({ sale, ...reserved })))
  }
)
