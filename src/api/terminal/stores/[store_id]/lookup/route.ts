import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { findVariants } from "../../../../../workflows/sale/utils/find-variants"
import { loadStoreContext } from "../../../../../workflows/sale/utils/store-context"
import type { TerminalRequest } from "../../../utils/staff-access"
import type { TerminalLookupParamsType } from "./validators"

/** Scan or search: variants with this store's price and stock here and elsewhere. */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const params = req.validatedQuery as TerminalLookupParamsType
  const context = await loadStoreContext(req.scope, req.params.store_id)
  const result = await findVariants(req.scope, context, params)
  if (params.code && !result.variants.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `No product has the barcode or SKU ${params.code}` + (result.barcode_warning ? ` (${result.barcode_warning})` : "")
    )
  }
  res.json(result)
}
