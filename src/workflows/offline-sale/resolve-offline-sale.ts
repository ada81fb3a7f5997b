import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { resolveOfflineSaleStep, type ResolveOfflineSaleInput } from "./steps/resolve-offline-sale"

export const resolveOfflineSaleWorkflowId = "resolve-pos-offline-sale"

/**
 * A manager settles an offline sale the sync kept for a person: the note says
 * what was done (rung up again, refunded, written off). It changes no sale,
 * stock or money; the resolution and its audit row are written together.
 */
export const resolveOfflineSaleWorkflow = createWorkflow(
  resolveOfflineSaleWorkflowId,
  (input: ResolveOfflineSaleInput & { request_id?: string | null }) => {
    const sale = resolveOfflineSaleStep(input)
    createAuditLogStep(
      transform({ input, sale }, ({ input, sale }) => [
        {
          actor_type: "user" as const,
          actor_id: input.resolved_by,
          store_id: sale.store_id,
          action: "offline_sale.resolved",
          resource_type: "pos_offline_sale",
          resource_id: sale.id,
          request_id: input.request_id ?? null,
          data: { status: sale.status, reason: sale.reason, note: input.note },
        },
      ])
    )
    return new WorkflowResponse(sale)
  }
)
