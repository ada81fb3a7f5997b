import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { csvRow } from "../../../../../lib/csv"
import { auditLogFilters } from "../route"
import type { AdminGetPosAuditLogParamsType } from "../validators"

/** The most rows one export holds, newest first; narrow the dates for older ones. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000
const PAGE = 1000
const COLUMNS = ["created_at", "action", "actor_type", "actor_id", "store_id", "resource_type", "resource_id", "approved_by", "request_id", "data"]

/** The audit log as CSV, with the list's filters (store, actor, action, record, dates), newest first. */
export const GET = async (req: AuthenticatedMedusaRequest<AdminGetPosAuditLogParamsType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const filters = auditLogFilters(req.filterableFields as Record<string, unknown>)
  const stamp = new Date().toISOString().slice(0, 10)
  res.setHeader("content-type", "text/csv; charset=utf-8")
  res.setHeader("content-disposition", `attachment; filename="pos-audit-log-${stamp}.csv"`)
  res.write(csvRow(COLUMNS))
  for (let skip = 0; skip < AUDIT_EXPORT_MAX_ROWS; skip += PAGE) {
    const { data } = await query.graph({
      entity: "pos_audit_log",
      fields: COLUMNS,
      filters,
      pagination: { skip, take: PAGE, order: { created_at: "DESC", id: "DESC" } },
    })
    for (const row of data as Record<string, unknown>[]) {
      res.write(csvRow(COLUMNS.map((column) => row[column])))
    }
    if (data.length < PAGE) {
      break
    }
  }
  res.end()
}
