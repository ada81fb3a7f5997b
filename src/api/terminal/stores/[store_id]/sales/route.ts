import type { MedusaResponse } from "@medusajs/framework/http"
import { createSaleWorkflow } from "../../../../../workflows/sale/create-sale"
import { loadStoreContext } from "../../../../../workflows/sale/utils/store-context"
import { refetchSale } from "../../../sales/helpers"
import type { TerminalCreateSaleType } from "../../../sales/validators"
import type { TerminalRequest } from "../../../utils/staff-access"

/** Starts a sale on an open shift of this store. */
export const POST = async (req: TerminalRequest<TerminalCreateSaleType>, res: MedusaResponse) => {
  const context = await loadStoreContext(req.scope, req.params.store_id)
  const { result } = await createSaleWorkflow(req.scope).run({
    input: { context, shift_id: req.validatedBody.shift_id, staff_id: req.staff!.id, customer_id: req.validatedBody.customer_id },
  })
  res.json({ sale: await refetchSale(req.scope, result.id) })
}
