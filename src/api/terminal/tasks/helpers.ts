import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { requireRecordAccess } from "../utils/staff-access"

/** For /terminal/tasks/:id routes: 404 for an unknown task, 403 for another store's. */
export const requireTaskAccess = requireRecordAccess("Task", async (req, id) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const [task] = await pos.listPosStoreTasks({ id }, { select: ["store_id"] })
  return task?.store_id
})
