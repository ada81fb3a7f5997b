import type { MedusaResponse } from "@medusajs/framework/http"
import { releaseRefurbished } from "../../../../../workflows/returns/release-refurbished"
import type { TerminalRequest } from "../../../utils/staff-access"
import type { TerminalReleaseReturnType } from "../../validators"

/** Refurbished units of a return go back on sale at this store (stock moves from its refurbish location; audited). */
export const POST = async (req: TerminalRequest<TerminalReleaseReturnType>, res: MedusaResponse) => {
  const result = await releaseRefurbished(req.scope, { ...req.validatedBody, return_id: req.params.id, staff_id: req.staff!.id })
  res.json({ return: result.pos_return, stock_movements: result.stock_movements })
}
