import type { MedusaResponse } from "@medusajs/framework/http"
import { pickStoreTaskWorkflow } from "../../../../../workflows/store-tasks/pick-task"
import { staffTask } from "../../../../../workflows/store-tasks/utils/tasks"
import type { TerminalRequest } from "../../../utils/staff-access"
import type { TerminalPickTaskType } from "../../validators"

/**
 * Confirms the pick: `lines` says how many of each line were found (all, when
 * left out); a shortfall needs a `reason`, is recorded as a discrepancy and is
 * routed again (the answer carries the new decision as `reroute`).
 */
export const POST = async (req: TerminalRequest<TerminalPickTaskType>, res: MedusaResponse) => {
  const { result } = await pickStoreTaskWorkflow(req.scope).run({
    input: { ...req.validatedBody, task_id: req.params.id, staff_id: req.staff!.id },
  })
  const { task, reroute } = result
  res.json({ task: staffTask(task), reroute })
}
