import type { MedusaContainer } from "@medusajs/framework/types"
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { POS_MODULE } from "../../../../../modules/pos"
import type PosModuleService from "../../../../../modules/pos/service"

/** Every routing decision of an order, newest first: the one in force and the earlier ones. */
export async function orderRouting(scope: MedusaContainer, orderId: string) {
  const pos: PosModuleService = scope.resolve(POS_MODULE)
  const decisions = await pos.listPosRoutingDecisions({ order_id: orderId }, { order: { created_at: "DESC" } })
  return { order_id: orderId, decision: decisions[0] ?? null, history: decisions }
}

/** How an order was routed: every decision, newest first, with its allocations and trace. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  res.json(await orderRouting(req.scope, req.params.id))
}
