import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { runScorecard } from "./helpers"
import type { AdminGetPosReportsParamsType } from "./validators"

/** The omnichannel scorecard (docs/reports.md). */
export const GET = async (req: AuthenticatedMedusaRequest<AdminGetPosReportsParamsType>, res: MedusaResponse) => {
  res.json({ report: await runScorecard(req) })
}
