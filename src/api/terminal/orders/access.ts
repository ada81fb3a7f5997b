import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { requireRecordAccess } from "../utils/staff-access"

/** For /terminal/orders/:id routes on a store's own sales: 404 for other orders, 403 for another store's. */
export const requireOrderAccess = requireRecordAccess("Order", async (req, id) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const [sale] = await pos.listPosSales({ order_id: id }, { select: ["store_id"] })
  return sale?.store_id
})
