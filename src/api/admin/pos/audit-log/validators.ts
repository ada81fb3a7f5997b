import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"

const dateParam = (field: string) =>
  z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), `${field} is a date such as 2026-11-28 or an ISO timestamp`)
    .optional()

export const AdminGetPosAuditLogParams = createFindParams({ limit: 50, offset: 0, order: "-created_at" }).merge(
  z.object({
    store_id: z.string().optional(),
    actor_id: z.string().optional(),
    actor_type: z.enum(["user", "staff", "system"]).optional(),
    action: z.union([z.string(), z.array(z.string())]).optional(),
    resource_id: z.string().optional(),
    from: dateParam("from"),
    to: dateParam("to"),
  })
)
export type AdminGetPosAuditLogParamsType = z.infer<typeof AdminGetPosAuditLogParams>
