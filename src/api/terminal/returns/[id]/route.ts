import type { MedusaResponse } from "@medusajs/framework/http"
import { POS_MODULE } from "../../../../modules/pos"
import type PosModuleService from "../../../../modules/pos/service"
import type { TerminalRequest } from "../../utils/staff-access"

/** One return taken at the store: lines and dispositions, stock movements, the refund's parts. */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const posReturn = await pos.retrievePosReturn(req.params.id)
  const refund = posReturn.refund_id ? await pos.retrievePosRefund(posReturn.refund_id) : null
  res.json({ return: posReturn, refund })
}
