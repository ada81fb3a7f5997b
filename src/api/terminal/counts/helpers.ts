import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { staffCount } from "../../../workflows/stock-count/utils"
import { requireRecordAccess } from "../utils/staff-access"

/** For /terminal/counts/:id routes: 404 for an unknown count, 403 for another store's. */
export const requireCountAccess = requireRecordAccess("Count", async (req, id) => {
  const [count] = await (req.scope.resolve(POS_MODULE) as PosModuleService).listPosStockCounts({ id }, { select: ["store_id"] })
  return count?.store_id
})

/** A count with its lines as staff see it (blind while counting). */
export async function refetchCount(scope: { resolve: (key: string) => any }, id: string) {
  const pos: PosModuleService = scope.resolve(POS_MODULE)
  const count = await pos.retrievePosStockCount(id)
  const lines = await pos.listPosStockCountLines({ count_id: id }, { order: { created_at: "ASC" }, take: 1000 })
  return staffCount(count, lines as any[])
}
