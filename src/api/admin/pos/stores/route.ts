import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminGetPosStoresParamsType } from "./validators"

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
