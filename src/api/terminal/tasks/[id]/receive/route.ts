import type { MedusaResponse } from "@medusajs/framework/http"
import { receiveTransferWorkflow } from "../../../../../workflows/store-tasks/receive-transfer"
import { staffTask } from "../../../../../workflows/store-tasks/utils/tasks"
import type { TerminalRequest } from "../../../utils/staff-access"
import type { TerminalReceiveTransferType } from "../../validators"

/**
 * Scans a transfer in at the pickup store: `lines` says how many units of each transfer line are
 * here now, in all. What was shipped and did not arrive is answered as `missing` (and audited).
 */
export const POST = async (req: TerminalRequest<TerminalReceiveTransferType>, res: MedusaResponse) => {
  const { result } = await receiveTransferWorkflow(req.scope).run({
    input: { lines: req.validatedBody.lines, task_id: req.params.id, staff_id: req.staff!.id },
  })
  res.json({ task: staffTask(result.task), missing: result.missing })
}
