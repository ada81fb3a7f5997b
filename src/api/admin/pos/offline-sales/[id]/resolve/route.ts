import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resolveOfflineSaleWorkflow } from "../../../../../../workflows/offline-sale/resolve-offline-sale"
import type { AdminResolveOfflineSaleType } from "../../validators"

/** A manager settles an offline sale the sync kept for a person (rejected, or needing attention), with a note; audited. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminResolveOfflineSaleType>, res: MedusaResponse) => {
  const { result } = await resolveOfflineSaleWorkflow(req.scope).run({
    input: { id: req.params.id, note: req.validatedBody.note, resolved_by: req.auth_context.actor_id, request_id: req.requestId ?? null },
  })
  const { payload, deleted_at, ...offline_sale } = result as Record<string, unknown>
  res.json({ offline_sale })
}
