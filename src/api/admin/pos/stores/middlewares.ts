import { validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { listTransformQueryConfig } from "./query-config"
import { AdminGetPosStoresParams } from "./validators"

export const adminPosStoreRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/pos/stores",
    middlewares: [validateAndTransformQuery(AdminGetPosStoresParams, listTransformQueryConfig)],
  },
]
