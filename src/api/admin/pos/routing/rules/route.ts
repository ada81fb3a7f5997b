import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { routingStrategies } from "../../../../../lib/routing"
import { POS_MODULE } from "../../../../../modules/pos"
import type PosModuleService from "../../../../../modules/pos/service"

/** The routing rule set in force (plugin option `routing`) and every strategy a rule set can name. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  res.json({
    rule_set: pos.settings.routing,
    strategies: routingStrategies().map(({ id, kind, description }) => ({ id, kind, description })),
  })
}
