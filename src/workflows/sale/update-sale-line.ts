import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteLineItemsWorkflow, updateLineItemInCartWorkflow, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { releaseEndlessAisleStep } from "./steps/endless-aisle"
import { ensureStockInHandStep } from "./steps/ensure-stock-in-hand"
import { checkSaleLimitsStep } from "./steps/check-sale-limits"
import { loadOpenSaleStep } from "./steps/load-open-sale"
import { addEndlessAisleLineWorkflow } from "./add-endless-aisle-line"
import { endlessOf } from "./utils/endless-aisle"
import { acquireSaleLock, releaseSaleLock } from "./utils/sale-lock"

export const updateSaleLineWorkflowId = "update-pos-sale-line"

/**
 * Changes the quantity of a line, or removes it (quantity 0 or DELETE; an endless-aisle line's
 * reservation at its node is released), under the sale's lock. An item taken home is checked
 * against the limits and the stock in hand; an endless-aisle line keeps its node and destination
 * (addEndlessAisleLineWorkflow, nested: its reservation is released and the new quantity
 * reserved there, or nothing changes).
 */
export const updateSaleLineWorkflow = createWorkflow(
  updateSaleLineWorkflowId,
  (input: { sale_id: string; line_id: string; quantity: number; location_id: string }) => {
    const lock = acquireSaleLock(input)
    const sale = loadOpenSaleStep({ sale_id: input.sale_id })
    const { data: carts } = useQueryGraphStep({
      entity: "cart",
      fields: ["id", "items.id", "items.variant_id", "items.quantity", "items.metadata"],
      filters: { id: sale.cart_id },
    })
    const line = transform({ input, carts }, ({ input, carts }) => {
      const item = ((carts[0] as any)?.items ?? []).find((i: any) => i?.id === input.line_id)
      if (!item) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Line ${input.line_id} is not on sale ${input.sale_id}`)
      }
      return { id: item.id as string, variant_id: item.variant_id as string, quantity: Number(item.quantity), endless: endlessOf(item) }
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
    when({ input, line }, ({ input, line }) => input.quantity > 0 && !!line.endless).then(() => {
      addEndlessAisleLineWorkflow.runAsStep({
        input: transform({ input, line }, ({ input, line }) => ({
          sale_id: input.sale_id,
          variant_id: line.variant_id,
          quantity: input.quantity,
          line: line.endless!,
          replace_line_id: line.id,
        })),
      })
    })
    when({ input, line }, ({ input, line }) => input.quantity > 0 && !line.endless).then(() => {
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
    releaseSaleLock(lock)
    return new WorkflowResponse(sale)
  }
)
