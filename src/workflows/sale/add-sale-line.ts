import { PromotionActions } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  addToCartWorkflow,
  emitEventStep,
  updateCartPromotionsWorkflow,
  upsertTaxLinesWorkflow,
} from "@medusajs/medusa/core-flows"
import { prepareScanStep, upsertScannedLineStep, type ScanPlan } from "./steps/scan-line"
import { ensureStockInHandStep } from "./steps/ensure-stock-in-hand"
import { loadOpenSaleStep } from "./steps/load-open-sale"
import { acquireSaleLock, releaseSaleLock } from "./utils/sale-lock"

export const addSaleLineWorkflowId = "add-pos-sale-line"

export type AddSaleLineWorkflowInput = {
  sale_id: string
  location_id: string
  variant_id: string
  quantity: number
  /** a price fixed elsewhere (an offline sale's price stands); default: Medusa's price */
  unit_price?: number
}

type FastPlan = Extract<ScanPlan, { fast: true }>

/**
 * Adds an item taken home; scanning the same item again raises the line's quantity.
 *
 * A scan is the till's most frequent call, so it does only what one line needs,
 * with Medusa's own pricing (the variant's calculated price in the cart's
 * context, for the quantity the line will hold), tax lines (Medusa's
 * upsertTaxLinesWorkflow for a new line) and promotions (Medusa's
 * updateCartPromotionsWorkflow, whenever the cart has codes, adjustments, or
 * an automatic promotion exists). Medusa's full add-to-cart also refreshes
 * shipping methods and the payment collection: a cart that has either (an
 * earlier card tender that failed) goes through it instead. Under the sale's lock.
 */
export const addSaleLineWorkflow = createWorkflow(addSaleLineWorkflowId, (input: AddSaleLineWorkflowInput) => {
  const lock = acquireSaleLock(input)
  const sale = loadOpenSaleStep({ sale_id: input.sale_id })
  const plan = prepareScanStep(
    transform({ input, sale }, ({ input, sale }) => ({
      cart_id: sale.cart_id,
      variant_id: input.variant_id,
      quantity: input.quantity,
      unit_price: input.unit_price,
    }))
  )
  ensureStockInHandStep(
    transform({ input, sale, plan }, ({ input, sale, plan }) => ({
      sale_id: sale.id,
      store_id: sale.store_id,
      location_id: input.location_id,
      variant_id: input.variant_id,
      quantity: plan.in_hand_after,
      variant: plan.fast ? plan.variant : undefined,
    }))
  )

  const scanned = when("pos-scan-light", { plan }, ({ plan }) => plan.fast).then(() =>
    upsertScannedLineStep(transform({ input, plan }, ({ input, plan }) => ({ plan: plan as FastPlan, quantity: input.quantity })))
  )
  // Tax lines of a new line. A raised quantity keeps its lines: their rates do not depend on the
  // quantity, and Medusa's upsert, undone after a later failure, would leave them doubled.
  when("pos-scan-new-line", { scanned }, ({ scanned }) => !!scanned?.created.length).then(() => {
    upsertTaxLinesWorkflow.runAsStep({
      input: transform({ plan, scanned }, ({ plan, scanned }) => ({
        cart: (plan as FastPlan).cart as any,
        items: scanned!.created,
        shipping_methods: [],
      })),
    })
  })
  when("pos-scan-promotions", { plan }, ({ plan }) => plan.fast && plan.refresh_promotions).then(() => {
    updateCartPromotionsWorkflow.runAsStep({
      input: transform({ plan }, ({ plan }) => ({
        cart_id: (plan as FastPlan).cart.id,
        promo_codes: (plan as FastPlan).promo_codes,
        action: PromotionActions.REPLACE,
      })),
    })
  })
  when("pos-scan-updated", { plan }, ({ plan }) => plan.fast).then(() => {
    emitEventStep({
      eventName: "cart.updated",
      data: transform({ sale }, ({ sale }) => ({ id: sale.cart_id })),
    })
  })

  when("pos-scan-full", { plan }, ({ plan }) => !plan.fast).then(() => {
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
  })
  releaseSaleLock(lock)
  return new WorkflowResponse(sale)
})
