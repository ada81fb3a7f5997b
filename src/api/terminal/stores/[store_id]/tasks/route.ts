import type { MedusaResponse } from "@medusajs/framework/http"
import { listStoreTasks } from "../../../../../workflows/store-tasks/utils/tasks"
import type { TerminalRequest } from "../../../utils/staff-access"
import type { TerminalListStoreTasksParamsType } from "./validators"

/** The store's work queue: curbside arrivals first, then pickups ready, then the rest oldest first. */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const { status } = req.validatedQuery as TerminalListStoreTasksParamsType
  const statuses = status?.length ? status : undefined
  res.json({ tasks: await listStoreTasks(req.scope, req.params.store_id, statuses) })
}
