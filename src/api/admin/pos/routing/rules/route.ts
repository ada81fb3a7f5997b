import type { AuthenticatedMedusaRequest, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { routingStrategies, routingStrategy } from "../../../../../lib/routing"
import { POS_MODULE } from "../../../../../modules/pos"
import type PosModuleService from "../../../../../modules/pos/service"
import type { AdminSaveRoutingRulesType } from "../validators"

const strategies = () => routingStrategies().map(({ id, kind, description }) => ({ id, kind, description }))

/** The routing rule set in force (saved here, else plugin option `routing`) and every strategy a rule set can name. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  res.json({ rule_set: await pos.routingRuleSet(), strategies: strategies() })
}

/**
 * Saves the rule set every routing decision uses from now on (reordered or
 * configured rules, safety stock); `null` goes back to the plugin option's.
 * Try it first with POST /admin/pos/routing/simulate. Audited.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSaveRoutingRulesType>, res: MedusaResponse) => {
  const { rule_set } = req.validatedBody
  const unknown = (rule_set?.rules ?? []).filter((r) => !routingStrategy(r.id)).map((r) => r.id)
  if (unknown.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Unknown routing rule ${unknown.map((id) => `"${id}"`).join(", ")}; the rules are ${strategies().map((s) => s.id).join(", ")}`
    )
  }
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const saved = await pos.saveRoutingRuleSet(rule_set, req.auth_context.actor_id)
  await pos.createPosAuditLogs({
    actor_type: "user",
    actor_id: req.auth_context.actor_id,
    store_id: null,
    action: "routing.rules_saved",
    resource_type: "routing_rule_set",
    resource_id: saved.version,
    data: { rule_set },
  })
  res.json({ rule_set: saved, strategies: strategies() })
}
