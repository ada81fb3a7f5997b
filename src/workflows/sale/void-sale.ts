import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { voidSaleStep } from "./steps/void-sale"

export const voidSaleWorkflowId = "void-pos-sale"

export const voidSaleWorkflow = createWorkflow(
  voidSaleWorkflowId,
  (input: {
    sale_id: string
    store_id: string
    staff_id: string
    /** a manager's authority to void a sale that took money (a manager, or a manager's approval) */
    tendered_void_authorized: boolean
    /** the manager who approved voiding a sale that took money, when an associate asked */
    approved_by?: string | null
    request_id?: string
  }) => {
    const result = voidSaleStep({
      sale_id: input.sale_id,
      staff_id: input.staff_id,
      store_id: input.store_id,
      tendered_void_authorized: input.tendered_void_authorized,
    })
    createAuditLogStep(
      transform({ input, result }, ({ input, result }) => [
        {
          actor_type: "staff" as const,
          actor_id: input.staff_id,
          store_id: input.store_id,
          action: "sale.voided",
          resource_type: "pos_sale",
          resource_id: input.sale_id,
          request_id: input.request_id ?? null,
          approved_by: input.approved_by ?? null,
          data: { tenders_canceled: result.tenders_canceled },
        },
      ])
    )
    emitEventStep({ eventName: "pos.sale.voided", data: { id: input.sale_id, store_id: input.store_id } })
    return new WorkflowResponse(result)
  }
)
