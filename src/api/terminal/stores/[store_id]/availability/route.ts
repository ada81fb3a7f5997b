import type { MedusaResponse } from "@medusajs/framework/http"
import { findVariants } from "../../../../../workflows/sale/utils/find-variants"
import { loadStoreContext } from "../../../../../workflows/sale/utils/store-context"
import type { TerminalAvailabilityParamsType } from "../lookup/validators"
import type { TerminalRequest } from "../../../utils/staff-access"

/** Stock of variants at this store and at every other node, nearest first. */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const { variant_id } = req.validatedQuery as TerminalAvailabilityParamsType
  const context = await loadStoreContext(req.scope, req.params.store_id)
  const ids = Array.isArray(variant_id) ? variant_id : [variant_id]
  const { variants } = await findVariants(req.scope, context, { variant_ids: ids, limit: ids.length })
  res.json({
    availability: variants.map((v) => ({
      variant_id: v.id,
      sku: v.sku,
      here: { location_id: context.location_id, available: v.stock.here },
      elsewhere: v.stock.elsewhere,
    })),
  })
}
