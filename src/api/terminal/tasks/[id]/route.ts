import type { MedusaResponse } from "@medusajs/framework/http"
import { POS_MODULE } from "../../../../modules/pos"
import type PosModuleService from "../../../../modules/pos/service"
import { STAFF_TASK_FIELDS } from "../../../../workflows/store-tasks/utils/tasks"
import type { TerminalRequest } from "../../utils/staff-access"

/** One task of the store's queue (never the pickup code nor its hash). */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  res.json({ task: await pos.retrievePosStoreTask(req.params.id, { select: [...STAFF_TASK_FIELDS] }) })
}
