import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { addToCartWorkflow, deleteLineItemsWorkflow } from "@medusajs/medusa/core-flows"
import { releaseEndlessAisleStep, reserveEndlessAisleStep } from "./steps/endless-aisle"
import { checkSaleLimitsStep } from "./steps/check-sale-limits"
import { loadOpenSaleStep } from "./steps/load-open-sale"
import { chooseSource, ENDLESS_AISLE_KEY, inventoryFor, type EndlessAisleLine, type EndlessFulfillment, type ShipTo } from "./utils/endless-aisle"
import { acquireSaleLock, releaseSaleLock } from "./utils/sale-lock"

export const addEndlessAisleLineWorkflowId = "add-pos-endless-aisle-line"

export type AddEndlessAisleLineWorkflowInput = {
  sale_id: string
  variant_id: string
  quantity: number
  /** a new line: its node is chosen by the routing engine for this destination (chooseSource) */
  choose?: { fulfillment: EndlessFulfillment; selling_store_id: string; pickup_store_id?: string | null; ship_to?: ShipTo | null }
  /** a line kept as it is (a quantity change): the node and destination on it */
  line?: EndlessAisleLine
  /** a line this one replaces (a quantity change): its reservations are released first */
  replace_line_id?: string
}

type Placement = {
  line: EndlessAisleLine
  /** what to reserve at the node for this quantity: each inventory item of the variant, times the quantity */
  inventory: { inventory_item_id: string; quantity: number }[]
  /** the node chosen, for the answer (a new line) */
  source: { location_id: string; name: string; kind: "store" | "warehouse"; store_id: string | null; distance_km: number | null } | null
}

/** Where the line comes from: chosen now by the routing engine (a new line), or kept (a quantity change). */
const placeEndlessLineStep = createStep("place-pos-endless-aisle-line", async (input: AddEndlessAisleLineWorkflowInput, { container }) => {
  if (input.choose) {
    const chosen = await chooseSource(container, {
      variant_id: input.variant_id,
      quantity: input.quantity,
      fulfillment: input.choose.fulfillment,
      selling_store_id: input.choose.selling_store_id,
      pickup_store_id: input.choose.pickup_store_id,
    })
    return new StepResponse<Placement>({
      line: {
        fulfillment: input.choose.fulfillment,
        source_location_id: chosen.location_id,
        source_name: chosen.name,
        source_store_id: chosen.store_id,
        pickup_store_id: chosen.pickup_store?.id ?? null,
        ship_to: input.choose.fulfillment === "ship" ? (input.choose.ship_to ?? null) : null,
      },
      inventory: chosen.inventory,
      source: { location_id: chosen.location_id, name: chosen.name, kind: chosen.kind, store_id: chosen.store_id, distance_km: chosen.distance_km },
    })
  }
  return new StepResponse<Placement>({ line: input.line!, inventory: await inventoryFor(container as any, input.variant_id, input.quantity), source: null })
})

/**
 * Sells a line the store does not hand over: shipped to the customer or picked
 * up at a chosen store, from the node the routing engine chooses for it (or, for a quantity
 * change, the node it has). Under the sale's lock, the line joins the sale's Medusa cart (priced
 * and taxed by Medusa like any other) and its stock is reserved at that node at once; if the
 * node no longer has it, nothing stays. Answers the sale, the reservations and the node chosen.
 */
export const addEndlessAisleLineWorkflow = createWorkflow(
  addEndlessAisleLineWorkflowId,
  (input: AddEndlessAisleLineWorkflowInput) => {
    const lock = acquireSaleLock(input)
    const sale = loadOpenSaleStep({ sale_id: input.sale_id })
    const placed = placeEndlessLineStep(input)
    checkSaleLimitsStep(
      transform({ input, sale, placed }, ({ input, sale, placed }) => ({
        cart_id: sale.cart_id,
        quantity: input.quantity,
        adds: { variant_id: input.variant_id, metadata: { [ENDLESS_AISLE_KEY]: placed.line } },
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
      input: transform({ input, sale, placed }, ({ input, sale, placed }) => ({
        cart_id: sale.cart_id,
        items: [
          {
            variant_id: input.variant_id,
            quantity: input.quantity,
            metadata: { [ENDLESS_AISLE_KEY]: placed.line },
            // Medusa checks stock at the POS channel's location (this store),
            // which is not where this line comes from: the node's stock is
            // checked and reserved below, under the inventory lock.
            allow_backorder: true,
          },
        ],
      })),
    })
    const reserved = reserveEndlessAisleStep(
      transform({ input, sale, placed }, ({ input, sale, placed }) => ({
        sale_id: sale.id,
        cart_id: sale.cart_id,
        variant_id: input.variant_id,
        line: placed.line,
        inventory: placed.inventory,
      }))
    )
    releaseSaleLock(lock)
    return new WorkflowResponse(transform({ sale, reserved, placed }, ({ sale, reserved, placed }) => ({ sale, ...reserved, source: placed.source })))
  }
)
