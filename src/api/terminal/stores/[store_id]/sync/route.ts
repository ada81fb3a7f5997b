import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../modules/pos"
import type PosModuleService from "../../../../../modules/pos/service"
import { applyOfflineSale, type SyncResult } from "../../../../../workflows/sale/utils/apply-offline-sale"
import { loadStoreContext } from "../../../../../workflows/sale/utils/store-context"
import type { TerminalRequest } from "../../../utils/staff-access"
import type { TerminalSyncOfflineSalesType } from "./validators"

/**
 * Takes the sales a register recorded while offline and applies each exactly
 * once, in recorded order. Answers per sale: applied, duplicate, rejected (the
 * offline policy says why) or needs_attention (kept, never dropped), with the
 * conflicts found. A sale whose application failed is reported as `error` and
 * left for the next sync.
 */
export const POST = async (req: TerminalRequest<TerminalSyncOfflineSalesType>, res: MedusaResponse) => {
  const { register_id, sales } = req.validatedBody
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
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
      results.push({
        client_txn_id: sale.client_txn_id,
        status: "error",
        reason: `not applied, send it again: ${(error as Error).message}`,
        conflicts: [],
      })
    }
  }
  res.json({ register_id, results })
}
