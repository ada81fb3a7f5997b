import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loadStoreToday } from "../../../../../../workflows/store/utils/load-store-today"
import { refetchPosStore } from "../../helpers"

/** A store's day for its manager (docs/dashboard.md, "Today at a store"). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await refetchPosStore(req.scope, req.params.id, ["id"])
  res.json({ today: await loadStoreToday(req.scope, req.params.id) })
}
