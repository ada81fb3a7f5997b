import type { MedusaResponse } from "@medusajs/framework/http"
import type { TerminalRequest } from "../../../utils/staff-access"
import type { TerminalReceiptParamsType } from "../../../sales/validators"
import { buildReceipt, renderReceiptHtml } from "../../../../../workflows/sale/utils/receipt"

/** The receipt of a store's order, as JSON or as a printable 80 mm HTML page. */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const { format } = req.validatedQuery as TerminalReceiptParamsType
  const receipt = await buildReceipt(req.scope, req.params.id)
  if (format === "html") {
    res.setHeader("content-type", "text/html; charset=utf-8")
    return res.send(renderReceiptHtml(receipt))
  }
  res.json({ receipt })
}
