import type { MedusaResponse } from "@medusajs/framework/http"
import { collectPickupWorkflow } from "../../../../../workflows/store-tasks/collect-pickup"
import { staffTask } from "../../../../../workflows/store-tasks/utils/tasks"
import type { TerminalRequest } from "../../../utils/staff-access"
import type { TerminalCollectPickupType } from "../../validators"

/** Hands a ready pickup over against the customer's code: fulfilled here and delivered. */
export const POST = async (req: TerminalRequest<TerminalCollectPickupType>, res: MedusaResponse) => {
  const { result: task } = await collectPickupWorkflow(req.scope).run({
    input: { ...req.validatedBody, task_id: req.params.id, staff_id: req.staff!.id },
  })
  res.json({ task: staffTask(task) })
}
