import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"

export const AdminGetPosStoresParams = createFindParams({
  limit: 50,
  offset: 0,
}).merge(
  z.object({
    q: z.string().optional(),
    code: z.union([z.string(), z.array(z.string())]).optional(),
    status: z.enum(["active", "disabled"]).optional(),
  })
)
export type AdminGetPosStoresParamsType = z.infer<typeof AdminGetPosStoresParams>
