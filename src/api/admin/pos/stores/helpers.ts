import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { StoreStatus } from "../../../../modules/pos/models/store"
import { setStoreStatusWorkflow } from "../../../../workflows/store/set-store-status"
import { recordAudit } from "../../../utils/audit"
import { defaultAdminPosStoreFields } from "./query-config"

export async function refetchPosStore(container: MedusaContainer, id: string, fields = defaultAdminPosStoreFields) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "pos_store", fields, filters: { id } })
  if (!data[0]) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Store ${id} was not found`)
  }
  return data[0]
}

/** The handler of POST /admin/pos/stores/:id/disable and …/enable. */
export function setStoreStatusRoute(status: StoreStatus) {
  return async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
    await setStoreStatusWorkflow(req.scope).run({ input: { id: req.params.id, status } })
    await recordAudit(req, {
      actor_type: "user",
      actor_id: req.auth_context.actor_id,
      store_id: req.params.id,
      action: status === StoreStatus.DISABLED ? "store.disabled" : "store.enabled",
      resource_type: "pos_store",
      resource_id: req.params.id,
    })
    res.json({ store: await refetchPosStore(req.scope, req.params.id) })
  }
}
