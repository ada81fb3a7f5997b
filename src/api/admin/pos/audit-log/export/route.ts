import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { csvRow } from "../../../../../lib/csv"
import { auditLogFilters } from "../route"
import type { AdminGetPosAuditLogParamsType } from "../validators"

/** The most rows one export holds, newest first; narrow the dates for older ones. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000
const PAGE = 1000
const COLUMNS = ["created_at", "action", "actor_type", "actor_id", "store_id", "resource_type", "resource_id", "approved_by", "request_id", "data"]

/**
 * The audit log as CSV, with the list's filters (store, actor, action, record,
 * dates), newest first. Rows written while it runs are left out (the export
 * ends at the moment it started), so pages never shift under it. Headers say
 * how many rows matched and whether the file holds them all; a failure half
 * way breaks the download instead of ending a partial file as if complete.
 */
export const GET = async (req: AuthenticatedMedusaRequest<AdminGetPosAuditLogParamsType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const startedAt = new Date()
  const filters = auditLogFilters(req.filterableFields as Record<string, unknown>) as Record<string, any>
  const to: Date | undefined = filters.created_at?.$lte
  filters.created_at = { ...(filters.created_at ?? {}), $lte: to && to < startedAt ? to : startedAt }
  const { metadata } = await query.graph({ entity: "pos_audit_log", fields: ["id"], filters, pagination: { skip: 0, take: 1 } })
  const total = metadata?.count ?? 0
  const stamp = startedAt.toISOString().slice(0, 10)
  res.setHeader("content-type", "text/csv; charset=utf-8")
  res.setHeader("content-disposition", `attachment; filename="pos-audit-log-${stamp}.csv"`)
  res.setHeader("x-pos-rows-matched", String(total))
  res.setHeader("x-pos-truncated", String(total > AUDIT_EXPORT_MAX_ROWS))
  res.setHeader("access-control-expose-headers", "content-disposition, x-pos-rows-matched, x-pos-truncated")
  res.write(csvRow(COLUMNS))
  try {
    for (let skip = 0; skip < Math.min(total, AUDIT_EXPORT_MAX_ROWS); skip += PAGE) {
      const { data } = await query.graph({
        entity: "pos_audit_log",
        fields: COLUMNS,
        filters,
        pagination: { skip, take: Math.min(PAGE, AUDIT_EXPORT_MAX_ROWS - skip), order: { created_at: "DESC", id: "DESC" } },
      })
      for (const row of data as Record<string, unknown>[]) {
        res.write(csvRow(COLUMNS.map((column) => row[column])))
      }
      if (data.length < PAGE) {
        break
      }
    }
  } catch (error) {
    // the status line is sent: break the download so no partial file passes for a whole one
    res.destroy(error as Error)
    return
  }
  res.end()
}
