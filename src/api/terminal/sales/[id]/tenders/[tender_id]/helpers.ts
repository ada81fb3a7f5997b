import { MedusaError } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../../modules/pos"
import type PosModuleService from "../../../../../../modules/pos/service"
import type { TerminalRequest } from "../../../../utils/staff-access"

/** The tender of this sale (404 for a tender of another sale). */
export async function tenderOfSale(req: TerminalRequest) {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const [tender] = await pos.listPosTenders({ id: req.params.tender_id, sale_id: req.params.id })
  if (!tender) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Tender ${req.params.tender_id} is not on sale ${req.params.id}`)
  }
  return tender
}
