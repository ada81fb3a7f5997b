import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { routingStrategy } from "../../../../../lib/routing"
import { POS_MODULE } from "../../../../../modules/pos"
import type PosModuleService from "../../../../../modules/pos/service"
import { simulateRouting } from "../../../../../workflows/routing/simulate-routing"
import type { AdminSimulateRoutingType } from "../validators"

/** Replays orders (the last N routed, or a list) under a draft rule set, or the one in force without one; changes nothing. */
export const POST = async (req: MedusaRequest<AdminSimulateRoutingType>, res: MedusaResponse) => {
  const { order_ids, last } = req.validatedBody
  const rule_set = req.validatedBody.rule_set ?? (await req.scope.resolve<PosModuleService>(POS_MODULE).routingRuleSet())
  const unknown = rule_set.rules.filter((r) => !routingStrategy(r.id)).map((r) => r.id)
  if (unknown.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Unknown routing rule(s): ${unknown.join(", ")}; see GET /admin/pos/routing/rules`)
  }
  res.json({ simulation: await simulateRouting(req.scope, { rule_set, order_ids, last }) })
}
