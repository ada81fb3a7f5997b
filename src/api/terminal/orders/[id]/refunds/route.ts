import type { MedusaResponse } from "@medusajs/framework/http"
import { POS_MODULE } from "../../../../../modules/pos"
import type PosModuleService from "../../../../../modules/pos/service"
import { refundToTenders } from "../../../../../workflows/refund/refund-to-tenders"
import { authorizeManagerAction, type TerminalRequest } from "../../../utils/staff-access"
import type { TerminalRefundOrderType } from "../../validators"

/** The order's refunds asked for at the tills, newest first. */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const refunds = await pos.listPosRefunds({ order_id: req.params.id }, { order: { created_at: "DESC" } })
  res.json({ refunds })
}

/**
 * Refunds money of a sale to its original tenders (cards back to the card,
 * cash out of the given open shift's drawer), a manager action. The same
 * idempotency_key again returns the refund, or finishes one that failed
 * half-way; a part is never refunded twice.
 */
export const POST = async (req: TerminalRequest<TerminalRefundOrderType>, res: MedusaResponse) => {
  const { approval_id, ...body } = req.validatedBody
  await authorizeManagerAction(req, { store_id: req.membership!.store_id, action: "order.refund", approval_id })
  const { refund, replayed } = await refundToTenders(req.scope, {
    ...body,
    order_id: req.params.id,
    staff_id: req.staff!.id,
    store_id: req.membership!.store_id,
  })
  res.status(refund.status === "succeeded" ? 200 : 502).json({ refund, replayed })
}
