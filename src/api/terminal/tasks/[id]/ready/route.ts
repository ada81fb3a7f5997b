import type { MedusaResponse } from "@medusajs/framework/http"
import { markPickupReady, staffTask } from "../../../../../workflows/routing/task-actions"
import type { TerminalRequest } from "../../../utils/staff-access"

/**
 * A picked pickup is ready: a pickup code, the hold's expiry, and the customer
 * notified. On a ready pickup it sends a new code. The code goes to the
 * customer only: the answer says whether the message went out, not the code.
 */
export const POST = async (req: TerminalRequest, res: MedusaResponse) => {
  const { task, customer_notified } = await markPickupReady(req.scope, { task_id: req.params.id, staff_id: req.staff!.id })
  res.json({ task: staffTask(task), customer_notified })
}
