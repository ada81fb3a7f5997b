import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminGetPosAuditLogParamsType } from "./validators"

/** The audit log, newest first, filtered by store, actor, action, record or time. Read-only. */
export const GET = async (req: AuthenticatedMedusaRequest<AdminGetPosAuditLogParamsType>, res: MedusaResponse) => {
  const { from, to, ...filters } = req.filterableFields as Record<string, unknown>
  const created_at = {
    ...(from ? { $gte: new Date(from as string) } : {}),
    ...(to ? { $lte: new Date(to as string) } : {}),
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: entries, metadata } = await query.graph({
    entity: "pos_audit_log",
    fields: req.queryConfig.fields,
    filters: { ...filters, ...(from || to ? { created_at } : {}) },
    pagination: req.queryConfig.pagination,
  })
  res.json({
    audit_log: entries,
    count: metadata?.count ?? entries.length,
    offset: metadata?.skip ?? 0,
    limit: metadata?.take ?? entries.length,
  })
}
