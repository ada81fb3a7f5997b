import type { MedusaResponse } from "@medusajs/framework/http"
import { buildReturnReceipt, renderReturnReceiptHtml } from "../../../../../workflows/returns/utils/return-receipt"
import type { TerminalReceiptParamsType } from "../../../sales/validators"
import type { TerminalRequest } from "../../../utils/staff-access"

/** The return receipt, as JSON or as a printable 80 mm HTML page. */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const { format } = req.validatedQuery as TerminalReceiptParamsType
  const receipt = await buildReturnReceipt(req.scope, req.params.id)
  if (format === "html") {
    res.setHeader("content-type", "text/html; charset=utf-8")
    return res.send(renderReturnReceiptHtml(receipt))
  }
  res.json({ receipt })
}
