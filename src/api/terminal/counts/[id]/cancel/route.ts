import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../modules/pos"
import { StockCountStatus } from "../../../../../modules/pos/models/stock-count"
import type PosModuleService from "../../../../../modules/pos/service"
import type { TerminalRequest } from "../../../utils/staff-access"
import { refetchCount } from "../../helpers"

/** Drops a count that is still being counted: nothing was corrected. */
export const POST = async (req: TerminalRequest, res: MedusaResponse) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  // the key the count's application takes: never canceled half-way through being applied
  await req.scope.resolve(Modules.LOCKING).execute(`pos:count:${req.params.id}`, async () => {
    const count = await pos.retrievePosStockCount(req.params.id)
    if (![StockCountStatus.OPEN, StockCountStatus.PENDING_APPROVAL].includes(count.status as StockCountStatus)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Count ${count.id} is ${count.status}: it can no longer be canceled`)
    }
    await pos.updatePosStockCounts({ id: count.id, status: StockCountStatus.CANCELED })
  })
  res.json({ count: await refetchCount(req.scope, req.params.id) })
}
