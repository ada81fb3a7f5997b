import type { MedusaResponse } from "@medusajs/framework/http"
import { cancelStockCountWorkflow } from "../../../../../workflows/stock-count/cancel-stock-count"
import type { TerminalRequest } from "../../../utils/staff-access"
import { refetchCount } from "../../helpers"

/** Drops a count that is still being counted: nothing was corrected. */
export const POST = async (req: TerminalRequest, res: MedusaResponse) => {
  await cancelStockCountWorkflow(req.scope).run({ input: { count_id: req.params.id } })
  res.json({ count: await refetchCount(req.scope, req.params.id) })
}
