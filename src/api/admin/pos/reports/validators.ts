import { z } from "@medusajs/framework/zod"
import { isCalendarDay, isTimeZone } from "../../../../lib/report-range"
import { REPORT_METRICS, type ReportMetric } from "../../../../reports/scorecard"
import { idParam } from "../../../utils/validators"

const day = (field: string) =>
  z.string({ error: `${field} is a day such as 2026-11-28` }).refine(isCalendarDay, `${field} is a day such as 2026-11-28 (YYYY-MM-DD, 1970 to 9999)`).optional()

/** one of a few words; Medusa's own message for an enum names no field the way ours do */
const oneOf = <T extends string>(field: string, values: readonly T[], message: string) =>
  z
    .string({ error: message })
    .refine((value) => (values as readonly string[]).includes(value), message)
    .transform((value) => value as T)

/**
 * GET /admin/pos/reports (and /admin/pos/reports/export, the same as CSV):
 * which metrics, over which days, for the network or one store, one channel.
 */
export const AdminGetPosReportsParams = z
  .object({
    metrics: z
      .string({ error: "metrics is a comma-separated list" })
      .max(400, "metrics has at most 400 characters")
      .transform((value) => [...new Set(value.split(",").map((m) => m.trim()).filter(Boolean))])
      .refine(
        (list) => list.every((m) => (REPORT_METRICS as readonly string[]).includes(m)),
        `metrics are some of ${REPORT_METRICS.join(", ")}`
      )
      .transform((list) => list as ReportMetric[])
      .optional(),
    from: day("from"),
    to: day("to"),
    store_id: idParam("store_id").optional(),
    channel: oneOf("channel", ["store", "online"] as const, "channel is store or online").optional(),
    group_by: oneOf("group_by", ["day", "week", "store"] as const, "group_by is day, week or store").default("day"),
    timezone: z.string({ error: "timezone is a time zone such as Europe/Paris" }).refine(isTimeZone, "timezone is a time zone such as Europe/Paris or UTC").optional(),
    currency_code: z
      .string({ error: "currency_code is a three-letter currency code" })
      .regex(/^[a-zA-Z]{3}$/, "currency_code is a three-letter currency code such as usd")
      .transform((c) => c.toLowerCase())
      .optional(),
  })
  .strict()
export type AdminGetPosReportsParamsType = z.infer<typeof AdminGetPosReportsParams>
