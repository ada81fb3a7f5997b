import type { MedusaResponse } from "@medusajs/framework/http"
import { listStoreTasks } from "../../../../../workflows/routing/task-actions"
import type { TerminalListTasksParamsType } from "../../../tasks/validators"
import type { TerminalRequest } from "../../../utils/staff-access"

/** The store's work queue: curbside arrivals first, then pickups ready, then the rest oldest first. */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const { status } = req.validatedQuery as TerminalListTasksParamsType
  const statuses = status ? (Array.isArray(status) ? status : status.split(",")) : undefined
  res.json({ tasks: await listStoreTasks(req.scope, req.params.store_id, statuses) })
}
