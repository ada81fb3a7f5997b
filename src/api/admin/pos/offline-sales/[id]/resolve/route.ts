import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../../modules/pos"
import { OfflineSaleStatus } from "../../../../../../modules/pos/models/offline-sale"
import type PosModuleService from "../../../../../../modules/pos/service"
import { recordAudit } from "../../../../../utils/audit"
import type { AdminResolveOfflineSaleType } from "../../validators"

/**
 * A manager settles an offline sale the sync kept for a person (rejected, or
 * needing attention): what was done about it, in a note. It leaves the day's
 * list and the note is kept, with an audit row. It changes no sale, stock or
 * money: whatever the note says was done (a sale rung up again, a refund) is
 * done through the till or Medusa's own pages.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminResolveOfflineSaleType>, res: MedusaResponse) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const [sale] = await pos.listPosOfflineSales({ id: req.params.id })
  if (!sale) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Offline sale ${req.params.id} was not found`)
  }
  if (sale.status === OfflineSaleStatus.APPLIED) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Offline sale ${sale.id} was applied; only rejected or needs-attention sales are resolved`)
  }
  if (sale.resolved_at) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Offline sale ${sale.id} was already resolved on ${new Date(sale.resolved_at).toISOString()}`)
  }
  const [resolved] = await pos.updatePosOfflineSales([
    { id: sale.id, resolved_at: new Date(), resolved_by: req.auth_context.actor_id, resolution_note: req.validatedBody.note },
  ])
  await recordAudit(req, {
    actor_type: "user",
    actor_id: req.auth_context.actor_id,
    store_id: sale.store_id,
    action: "offline_sale.resolved",
    resource_type: "pos_offline_sale",
    resource_id: sale.id,
    data: { status: sale.status, reason: sale.reason, note: req.validatedBody.note },
  })
  const { payload, ...rest } = resolved as any
  res.json({ offline_sale: rest })
}
