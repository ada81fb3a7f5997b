import type { MedusaResponse } from "@medusajs/framework/http"
import type { TerminalRequest } from "../../utils/staff-access"
import { refetchCount } from "../helpers"

/** One count with its lines: blind (no expected numbers) until it is applied. */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  res.json({ count: await refetchCount(req.scope, req.params.id) })
}
