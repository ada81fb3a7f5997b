import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { POS_MODULE } from "../../../../../modules/pos"
import type PosModuleService from "../../../../../modules/pos/service"

/** How an order was routed: every decision, newest first, with its allocations and trace. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const decisions = await pos.listPosRoutingDecisions({ order_id: req.params.id }, { order: { created_at: "DESC" } })
  res.json({ order_id: req.params.id, decision: decisions[0] ?? null, history: decisions })
}
