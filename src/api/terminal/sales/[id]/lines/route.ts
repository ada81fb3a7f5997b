import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { addEndlessAisleLineWorkflow } from "../../../../../workflows/sale/add-endless-aisle-line"
import { addSaleLineWorkflow } from "../../../../../workflows/sale/add-sale-line"
import { resolveScannedVariant } from "../../../../../workflows/sale/utils/find-variants"
import { loadStoreLocationId } from "../../../../../workflows/sale/utils/store-context"
import type { TerminalRequest } from "../../../utils/staff-access"
import { refetchSale } from "../../helpers"
import type { TerminalAddSaleLineType } from "../../validators"

/**
 * Adds a line by scan (code) or by variant; scanning the same item again adds
 * to its quantity. `fulfillment: "ship" | "pickup"` sells it from another node
 * (endless aisle): the answer names the node, whose stock is reserved at once.
 * Each workflow takes the sale's lock.
 */
export const POST = async (req: TerminalRequest<TerminalAddSaleLineType>, res: MedusaResponse) => {
  const { code, variant_id, quantity, fulfillment, pickup_store_id, shipping_address } = req.validatedBody
  const [locationId, found] = await Promise.all([
    loadStoreLocationId(req.scope, req.membership!.store_id),
    code ? resolveScannedVariant(req.scope, code) : undefined,
  ])
  let variantId = variant_id
  let warning: string | undefined
  if (found) {
    warning = found.barcode_warning
    if (!found.variant_id) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `No product has the barcode or SKU ${code}` + (warning ? ` (${warning})` : "")
      )
    }
    variantId = found.variant_id
  }
  let source: unknown
  if (fulfillment === "take") {
    await addSaleLineWorkflow(req.scope).run({
      input: { sale_id: req.params.id, location_id: locationId, variant_id: variantId!, quantity },
    })
  } else {
    // Endless aisle: the node the routing engine chooses (the pickup store first)
    const { result } = await addEndlessAisleLineWorkflow(req.scope).run({
      input: {
        sale_id: req.params.id,
        variant_id: variantId!,
        quantity,
        choose: {
          fulfillment,
          selling_store_id: req.membership!.store_id,
          pickup_store_id,
          ship_to: fulfillment === "ship" ? shipping_address! : null,
        },
      },
    })
    source = result.source
  }
  res.json({
    sale: await refetchSale(req.scope, req.params.id),
    ...(source ? { source } : {}),
    ...(warning ? { barcode_warning: warning } : {}),
  })
}
