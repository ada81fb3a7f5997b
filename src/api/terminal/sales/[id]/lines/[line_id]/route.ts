import type { MedusaResponse } from "@medusajs/framework/http"
import { updateSaleLineWorkflow } from "../../../../../../workflows/sale/update-sale-line"
import { loadStoreLocationId } from "../../../../../../workflows/sale/utils/store-context"
import type { TerminalRequest } from "../../../../utils/staff-access"
import { refetchSale } from "../../../helpers"
import type { TerminalUpdateSaleLineType } from "../../../validators"

/** A line's new quantity (0 removes it): an endless-aisle line keeps its node and destination. */
async function setQuantity(req: TerminalRequest, res: MedusaResponse, quantity: number) {
  const locationId = await loadStoreLocationId(req.scope, req.membership!.store_id)
  await updateSaleLineWorkflow(req.scope).run({
    input: { sale_id: req.params.id, line_id: req.params.line_id, quantity, location_id: locationId },
  })
  res.json({ sale: await refetchSale(req.scope, req.params.id) })
}

export const PATCH = async (req: TerminalRequest<TerminalUpdateSaleLineType>, res: MedusaResponse) =>
  setQuantity(req, res, req.validatedBody.quantity)

export const DELETE = async (req: TerminalRequest, res: MedusaResponse) => setQuantity(req, res, 0)
