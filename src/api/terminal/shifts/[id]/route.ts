import type { MedusaResponse } from "@medusajs/framework/http"
import type { TerminalRequest } from "../../utils/staff-access"
import { refetchShift } from "../helpers"

export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  res.json({ shift: await refetchShift(req.scope, req.params.id) })
}
