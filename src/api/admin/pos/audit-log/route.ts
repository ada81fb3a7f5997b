import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminGetPosAuditLogParamsType } from "./validators"

/** The list's and the export's filters: `from` and `to` bound created_at (both included). */
export function auditLogFilters(fields: Record<string, unknown>) {
  const { from, to, ...filters } = fields
  const created_at = {
    ...(from ? { $gte: new Date(from as string) } : {}),
    ...(to ? { $lte: new Date(to as string) } : {}),
  }
  return { ...filters, ...(from || to ? { created_at } : {}) }
}

/** Rows written in the same millisecond keep one order from page to page: the id breaks ties. */
function withIdTieBreak<P extends { order?: Record<string, unknown> }>(pagination: P): P {
  const order = pagination.order ?? {}
  const direction = Object.values(order)[0] ?? "DESC"
  return "id" in order ? pagination : { ...pagination, order: { ...order, id: direction } }
}

/** The audit log, newest first, filtered by store, actor, action, record or time. Read-only. */
export const GET = async (req: AuthenticatedMedusaRequest<AdminGetPosAuditLogParamsType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: entries, metadata } = await query.graph({
    entity: "pos_audit_log",
    fields: req.queryConfig.fields,
    filters: auditLogFilters(req.filterableFields as Record<string, unknown>),
    pagination: withIdTieBreak(req.queryConfig.pagination),
  })
  res.json({
    audit_log: entries,
    count: metadata?.count ?? entries.length,
    offset: metadata?.skip ?? 0,
    limit: metadata?.take ?? entries.length,
  })
}
