import type { MedusaResponse } from "@medusajs/framework/http"
import { collectPickup, staffTask } from "../../../../../workflows/routing/task-actions"
import type { TerminalRequest } from "../../../utils/staff-access"
import type { TerminalCollectPickupType } from "../../validators"

/** Hands a ready pickup over against the customer's code: fulfilled here and delivered. */
export const POST = async (req: TerminalRequest<TerminalCollectPickupType>, res: MedusaResponse) => {
  const task = await collectPickup(req.scope, { ...req.validatedBody, task_id: req.params.id, staff_id: req.staff!.id })
  res.json({ task: staffTask(task) })
}
