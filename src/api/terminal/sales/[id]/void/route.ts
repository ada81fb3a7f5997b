import type { MedusaResponse } from "@medusajs/framework/http"
import { voidSaleWorkflow } from "../../../../../workflows/sale/void-sale"
import type { TerminalRequest } from "../../../utils/staff-access"
import { refetchSale } from "../../helpers"

/** Voids an open sale: tenders canceled (cash back from the drawer), stock raised for it taken back. */
export const POST = async (req: TerminalRequest, res: MedusaResponse) => {
  const { result } = await voidSaleWorkflow(req.scope).run({
    input: { sale_id: req.params.id, store_id: req.membership!.store_id, staff_id: req.staff!.id, request_id: req.requestId },
  })
  res.json({ sale: await refetchSale(req.scope, req.params.id), tenders_canceled: result.tenders_canceled })
}
