import type { MedusaResponse } from "@medusajs/framework/http"
import { catalogPage } from "../../../../../workflows/sale/utils/catalog-snapshot"
import { loadStoreContext } from "../../../../../workflows/sale/utils/store-context"
import type { TerminalRequest } from "../../../utils/staff-access"
import type { TerminalCatalogParamsType } from "./validators"

/**
 * The store's sellable catalogue for a till to keep (offline lookup): variants
 * with barcodes, SKUs, the store's price and tax rate, a page at a time
 * (`after`, `limit`), or only what changed since an earlier answer's `version`.
 */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const { after, limit, since } = req.validatedQuery as TerminalCatalogParamsType
  const context = await loadStoreContext(req.scope, req.params.store_id)
  const page = await catalogPage(req.scope, context, { after, limit, since: since ? new Date(since) : undefined })
  res.json({ ...page, currency_code: context.store.currency_code })
}
