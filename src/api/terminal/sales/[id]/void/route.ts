import type { MedusaResponse } from "@medusajs/framework/http"
import { voidSaleWorkflow } from "../../../../../workflows/sale/void-sale"
import { POS_MODULE } from "../../../../../modules/pos"
import { SaleStatus } from "../../../../../modules/pos/models/sale"
import { StaffRole } from "../../../../../modules/pos/models/staff-membership"
import { TenderStatus } from "../../../../../modules/pos/models/tender"
import type PosModuleService from "../../../../../modules/pos/service"
import { authorizeManagerAction, type TerminalRequest } from "../../../utils/staff-access"
import type { TerminalVoidSaleType } from "../../validators"
import { refetchSale } from "../../helpers"

/** Voids an open sale: tenders canceled (cash back from the drawer), stock raised for it taken back. */
export const POST = async (req: TerminalRequest<TerminalVoidSaleType>, res: MedusaResponse) => {
  // Money already taken goes back out of the drawer: that is a manager's call.
  // (A sale that is not open any more is refused by the workflow, whoever asks.)
  // The workflow decides again under the sale's lock: a tender taken after this look is refused there.
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const sale = await pos.retrievePosSale(req.params.id, { select: ["status"] })
  const tendered = await pos.listPosTenders({ sale_id: req.params.id, status: TenderStatus.SUCCEEDED }, { select: ["id"] })
  let authorized = req.membership!.role === StaffRole.MANAGER
  let approvedBy: string | null = null
  if (!authorized && sale.status === SaleStatus.OPEN && tendered.length) {
    ;({ approved_by: approvedBy } = await authorizeManagerAction(req, {
      store_id: req.membership!.store_id,
      action: "sale.void_tendered",
      approval_id: req.validatedBody?.approval_id,
    }))
    authorized = true
  }
  const { result } = await voidSaleWorkflow(req.scope).run({
    input: {
      sale_id: req.params.id,
      store_id: req.membership!.store_id,
      staff_id: req.staff!.id,
      tendered_void_authorized: authorized,
      approved_by: approvedBy,
      request_id: req.requestId,
    },
  })
  res.json({ sale: await refetchSale(req.scope, req.params.id), tenders_canceled: result.tenders_canceled })
}
