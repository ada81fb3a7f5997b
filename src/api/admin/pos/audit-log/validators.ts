import { z } from "@medusajs/framework/zod"
import { boundedText, findParams, idParam } from "../../../utils/validators"

/** Postgres has no year 0 and JavaScript dates reach far beyond its range: years 1970 to 9999. */
const isDate = (value: string) => {
  const time = Date.parse(value)
  if (Number.isNaN(time)) {
    return false
  }
  const year = new Date(time).getUTCFullYear()
  return year >= 1970 && year <= 9999
}

const dateParam = (field: string) =>
  boundedText(field, 40)
    .refine(isDate, `${field} is a date such as 2026-11-28 or an ISO timestamp, between 1970 and 9999`)
    .optional()

export const AdminGetPosAuditLogParams = findParams({
  limit: 50,
  order: "-created_at",
  orderable: ["id", "created_at", "action", "actor_type", "actor_id", "store_id"],
}).merge(
  z.object({
    store_id: idParam("store_id").optional(),
    actor_id: idParam("actor_id").optional(),
    actor_type: z.enum(["user", "staff", "system"]).optional(),
    action: z
      .union([boundedText("action", 100), z.array(boundedText("action", 100)).max(100, "action lists at most 100 actions")])
      .optional(),
    resource_id: idParam("resource_id").optional(),
    from: dateParam("from"),
    to: dateParam("to"),
  })
)
export type AdminGetPosAuditLogParamsType = z.infer<typeof AdminGetPosAuditLogParams>
