import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteStoreWorkflow } from "../../../../../workflows/store/delete-store"
import { updateStoreWorkflow } from "../../../../../workflows/store/update-store"
import { refetchPosStore } from "../helpers"
import type { AdminUpdatePosStoreType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const store = await refetchPosStore(req.scope, req.params.id, req.queryConfig.fields)
  res.json({ store })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdatePosStoreType>, res: MedusaResponse) => {
  await updateStoreWorkflow(req.scope).run({ input: { id: req.params.id, ...req.validatedBody } })
  res.json({ store: await refetchPosStore(req.scope, req.params.id) })
}

/** Only a store that never sold or fulfilled anything can be deleted; others are disabled. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteStoreWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "pos_store", deleted: true })
}
