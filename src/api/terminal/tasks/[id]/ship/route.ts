import type { MedusaResponse } from "@medusajs/framework/http"
import { shipStoreTaskWorkflow } from "../../../../../workflows/store-tasks/ship-task"
import { staffTask } from "../../../../../workflows/store-tasks/utils/tasks"
import type { TerminalRequest } from "../../../utils/staff-access"
import type { TerminalShipTaskType } from "../../validators"

/** Ships a picked task: Medusa's fulfillment at this store's location with the tracking number, marked shipped. */
export const POST = async (req: TerminalRequest<TerminalShipTaskType>, res: MedusaResponse) => {
  const { result: task } = await shipStoreTaskWorkflow(req.scope).run({
    input: { ...req.validatedBody, task_id: req.params.id, staff_id: req.staff!.id },
  })
  res.json({ task: staffTask(task) })
}
