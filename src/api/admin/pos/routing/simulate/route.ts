import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { routingStrategy } from "../../../../../lib/routing"
import { simulateRouting } from "../../../../../workflows/routing/simulate-routing"
import type { AdminSimulateRoutingType } from "../validators"

/** Replays orders (the last N routed, or a list) under a draft rule set, changing nothing. */
export const POST = async (req: MedusaRequest<AdminSimulateRoutingType>, res: MedusaResponse) => {
  const { rule_set, order_ids, last } = req.validatedBody
  const unknown = rule_set.rules.filter((r) => !routingStrategy(r.id)).map((r) => r.id)
  if (unknown.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Unknown routing rule(s): ${unknown.join(", ")}; see GET /admin/pos/routing/rules`)
  }
  res.json({ simulation: await simulateRouting(req.scope, { rule_set, order_ids, last }) })
}
