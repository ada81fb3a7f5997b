import type { MedusaResponse } from "@medusajs/framework/http"
import { readyPickupWorkflow } from "../../../../../workflows/store-tasks/ready-pickup"
import { staffTask } from "../../../../../workflows/store-tasks/utils/tasks"
import type { TerminalRequest } from "../../../utils/staff-access"

/**
 * A picked pickup is ready: a pickup code, the hold's expiry, and the customer
 * notified. On a ready pickup it sends a new code. The code goes to the
 * customer only: the answer says whether the message went out, not the code.
 */
export const POST = async (req: TerminalRequest, res: MedusaResponse) => {
  const { result } = await readyPickupWorkflow(req.scope).run({ input: { task_id: req.params.id, staff_id: req.staff!.id } })
  const { task, customer_notified } = result
  res.json({ task: staffTask(task), customer_notified })
}
