import type { MedusaResponse } from "@medusajs/framework/http"
import type { TerminalRequest } from "../../utils/staff-access"
import { refetchSale } from "../helpers"

export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  res.json({ sale: await refetchSale(req.scope, req.params.id) })
}
