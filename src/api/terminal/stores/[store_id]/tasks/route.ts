import type { MedusaResponse } from "@medusajs/framework/http"
import { listStoreTasks } from "../../../../../workflows/store-tasks/utils/tasks"
import type { TerminalRequest } from "../../../utils/staff-access"
import type { TerminalListStoreTasksParamsType } from "./validators"

/**
 * The store's work queue: curbside arrivals first, then pickups ready, then the rest oldest first.
 * Each task carries what staff call the order by: its number and the customer's name.
 */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const { status } = req.validatedQuery as TerminalListStoreTasksParamsType
  res.json({ tasks: await listStoreTasks(req.scope, req.params.store_id, status?.length ? status : undefined) })
}
