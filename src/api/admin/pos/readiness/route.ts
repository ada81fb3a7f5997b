import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { checkReadiness } from "../../../../workflows/readiness/utils/check-readiness"
import type { AdminGetPosReadinessParamsType } from "./validators"

/**
 * The go-live readiness report: what must be fixed before the stores (or one
 * store, `store_id`) go live, each problem with the dashboard page that fixes it.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetPosReadinessParamsType>, res: MedusaResponse) => {
  const { store_id } = req.validatedQuery
  res.json({ readiness: await checkReadiness(req.scope, { store_id }) })
}
