import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { addEndlessAisleLineWorkflow } from "../../../../../workflows/sale/add-endless-aisle-line"
import { addSaleLineWorkflow } from "../../../../../workflows/sale/add-sale-line"
import { chooseSource, type ChosenSource } from "../../../../../workflows/sale/utils/endless-aisle"
import { resolveScannedVariant } from "../../../../../workflows/sale/utils/find-variants"
import { loadStoreLocationId } from "../../../../../workflows/sale/utils/store-context"
import type { TerminalRequest } from "../../../utils/staff-access"
import { refetchSale } from "../../helpers"
import type { TerminalAddSaleLineType } from "../../validators"
import { withSaleLock } from "../../../../../workflows/sale/utils/sale-lock"

/**
 * Adds a line by scan (code) or by variant; scanning the same item again adds
 * to its quantity. `fulfillment: "ship" | "pickup"` sells it from another node
 * (endless aisle): the answer names the node, whose stock is reserved at once.
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
  let source: ChosenSource | undefined
  await withSaleLock(req.scope, req.params.id, async () => {
    if (fulfillment === "take") {
      await addSaleLineWorkflow(req.scope).run({
        input: { sale_id: req.params.id, location_id: locationId, variant_id: variantId!, quantity },
      })
      return
    }
    // Endless aisle: the nearest node that has it all (the pickup store first).
    source = await chooseSource(req.scope, {
      variant_id: variantId!,
      quantity,
      fulfillment,
      selling_store_id: req.membership!.store_id,
      pickup_store_id,
    })
    await addEndlessAisleLineWorkflow(req.scope).run({
      input: {
        sale_id: req.params.id,
        variant_id: variantId!,
        quantity,
        line: {
          fulfillment,
          source_location_id: source.location_id,
          source_name: source.name,
          source_store_id: source.store_id,
          pickup_store_id: source.pickup_store?.id ?? null,
          ship_to: fulfillment === "ship" ? shipping_address! : null,
        },
        inventory: source.inventory,
      },
    })
  })
  res.json({
    sale: await refetchSale(req.scope, req.params.id),
    ...(source
      ? {
          source: {
            location_id: source.location_id,
            name: source.name,
            kind: source.kind,
            store_id: source.store_id,
            distance_km: source.distance_km,
          },
        }
      : {}),
    ...(warning ? { barcode_warning: warning } : {}),
  })
}
