import { z } from "@medusajs/framework/zod"
import { idParam } from "../../../utils/validators"

/** GET /admin/pos/readiness: the whole network, or one store's store rules (`store_id`). */
export const AdminGetPosReadinessParams = z
  .object({
    store_id: idParam("store_id").optional(),
  })
  .strict()
export type AdminGetPosReadinessParamsType = z.infer<typeof AdminGetPosReadinessParams>
