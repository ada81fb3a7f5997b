import type { MedusaResponse } from "@medusajs/framework/http"
import { markPickupReady } from "../../../../../workflows/routing/task-actions"
import type { TerminalRequest } from "../../../utils/staff-access"

/** A picked pickup is ready: a pickup code, the hold's expiry, and the customer notified. */
export const POST = async (req: TerminalRequest, res: MedusaResponse) => {
  const task = await markPickupReady(req.scope, { task_id: req.params.id, staff_id: req.staff!.id })
  res.json({ task })
}
