import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { addSaleLineWorkflow } from "../../../../../workflows/sale/add-sale-line"
import { resolveScannedVariant } from "../../../../../workflows/sale/utils/find-variants"
import { loadStoreLocationId } from "../../../../../workflows/sale/utils/store-context"
import type { TerminalRequest } from "../../../utils/staff-access"
import { refetchSale } from "../../helpers"
import type { TerminalAddSaleLineType } from "../../validators"
import { withSaleLock } from "../../../../../workflows/sale/steps/add-tender"

/** Adds a line by scan (code) or by variant; scanning the same item again adds to its quantity. */
export const POST = async (req: TerminalRequest<TerminalAddSaleLineType>, res: MedusaResponse) => {
  const { code, variant_id, quantity, fulfillment } = req.validatedBody
  if (fulfillment !== "take") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `fulfillment "${fulfillment}" (endless aisle) is not available yet; sell what the customer takes home`
    )
  }
  const locationId = await loadStoreLocationId(req.scope, req.membership!.store_id)
  let variantId = variant_id
  let warning: string | undefined
  if (code) {
    const found = await resolveScannedVariant(req.scope, code)
    warning = found.barcode_warning
    if (!found.variant_id) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `No product has the barcode or SKU ${code}` + (warning ? ` (${warning})` : "")
      )
    }
    variantId = found.variant_id
  }
  await withSaleLock(req.scope, req.params.id, () =>
    addSaleLineWorkflow(req.scope).run({
      input: { sale_id: req.params.id, location_id: locationId, variant_id: variantId!, quantity },
    })
  )
  res.json({ sale: await refetchSale(req.scope, req.params.id), ...(warning ? { barcode_warning: warning } : {}) })
}
