import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../modules/pos"
import { StaffRole } from "../../../../../modules/pos/models/staff-membership"
import type PosModuleService from "../../../../../modules/pos/service"
import { applyOfflineSale, type SyncResult } from "../../../../../workflows/sale/utils/apply-offline-sale"
import { clientMessage } from "../../../../../workflows/utils/client-message"
import { loadStoreContext } from "../../../../../workflows/sale/utils/store-context"
import { recordAudit } from "../../../../utils/audit"
import type { TerminalRequest } from "../../../utils/staff-access"
import type { TerminalSyncOfflineSalesType } from "./validators"

/**
 * Takes the sales a register recorded while offline and applies each exactly
 * once, in recorded order. Answers per sale: applied, duplicate, rejected (the
 * offline policy says why) or needs_attention (kept, never dropped), with the
 * conflicts found. A sale whose application failed is reported as `error` and
 * left for the next sync. Each sale must name the signed-in staff member
 * (403 otherwise, audited, nothing applied), unless a manager of the store
 * syncs a colleague's sales (audited as sync.on_behalf).
 */
export const POST = async (req: TerminalRequest<TerminalSyncOfflineSalesType>, res: MedusaResponse) => {
  const { register_id, sales } = req.validatedBody
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const { max_sync_sales } = pos.settings.limits
  if (sales.length > max_sync_sales) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `sales: at most ${max_sync_sales} sales per sync (limits.max_sync_sales); send the rest in another call`
    )
  }
  // A sale is booked under the staff member who syncs it. A manager of the store may sync a colleague's
  // queue (who left, or cannot sign in before it expires), audited; an associate syncs only their own.
  const foreign = sales.filter((sale) => sale.staff_id !== req.staff!.id)
  const onBehalf = req.membership?.role === StaffRole.MANAGER
  if (foreign.length) {
    await recordAudit(req, {
      actor_type: "staff",
      actor_id: req.staff!.id,
      store_id: req.params.store_id,
      action: onBehalf ? "sync.on_behalf" : "sync.refused",
      data: { register_id, client_txn_ids: foreign.map((sale) => sale.client_txn_id), staff_ids: [...new Set(foreign.map((sale) => sale.staff_id))] },
    })
  }
  if (foreign.length && !onBehalf) {
    throw new MedusaError(
      MedusaError.Types.FORBIDDEN,
      `Offline sales are synced by the staff member who made them: ${foreign.map((sale) => sale.client_txn_id).join(", ")} ` +
        `name another staff member than ${req.staff!.id}; that member signs in on this register to sync them, or a manager of the store does`
    )
  }
  const [register] = await pos.listPosRegisters({ id: register_id, store_id: req.params.store_id }, { select: ["id"] })
  if (!register) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Register ${register_id} was not found in store ${req.params.store_id}`)
  }
  // One store context for the whole batch: every sale is booked at the same store.
  const context = await loadStoreContext(req.scope, req.params.store_id)
  const ordered = [...sales].sort((a, b) => Date.parse(a.recorded_at) - Date.parse(b.recorded_at))
  const results: (SyncResult | { client_txn_id: string; status: "error"; reason: string; conflicts: [] })[] = []
  for (const sale of ordered) {
    try {
      results.push(await applyOfflineSale(req.scope, { context, register_id, sale }))
    } catch (error) {
      // a client error's message is for the till; anything else (a database or network fault) stays in the log
      const reason = clientMessage(req.scope, error, `Offline sale ${sale.client_txn_id} of register ${register_id} was not applied`)
      results.push({ client_txn_id: sale.client_txn_id, status: "error", reason: `not applied, send it again: ${reason}`, conflicts: [] })
    }
  }
  res.json({ register_id, results })
}
