import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStoreWorkflow } from "../../../../workflows/store/create-store"
import { refetchPosStore } from "./helpers"
import type { AdminCreatePosStoreType, AdminGetPosStoresParamsType } from "./validators"

export const GET = async (
  req: AuthenticatedMedusaRequest<AdminGetPosStoresParamsType>,
  res: MedusaResponse
) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: stores, metadata } = await query.graph({
    entity: "pos_store",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: req.queryConfig.pagination,
  })
  res.json({
    stores,
    count: metadata?.count ?? stores.length,
    offset: metadata?.skip ?? 0,
    limit: metadata?.take ?? stores.length,
  })
}

/** Creates a store with its stock location, POS sales channel and pickup option. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreatePosStoreType>, res: MedusaResponse) => {
  const { result } = await createStoreWorkflow(req.scope).run({ input: req.validatedBody })
  const store = await refetchPosStore(req.scope, result.store_id)
  res.json({ store, ...result })
}
