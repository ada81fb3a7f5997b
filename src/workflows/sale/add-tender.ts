import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { addTenderStep, type AddTenderInput } from "./steps/add-tender"

export const addTenderWorkflowId = "add-pos-tender"

export const addTenderWorkflow = createWorkflow(
  addTenderWorkflowId,
  (input: AddTenderInput & { store_id: string; request_id?: string }) => {
    const result = addTenderStep({
      sale_id: input.sale_id,
      type: input.type,
      amount: input.amount,
      tendered: input.tendered,
      currency_code: input.currency_code,
      idempotency_key: input.idempotency_key,
      staff_id: input.staff_id,
      taken_offline: input.taken_offline,
    })
    when({ result }, ({ result }) => !result.replayed).then(() => {
      createAuditLogStep(
        transform({ input, result }, ({ input, result }) => [
          {
            actor_type: "staff" as const,
            actor_id: input.staff_id,
            store_id: input.store_id,
            action: "sale.tender_added",
            resource_type: "pos_sale",
            resource_id: input.sale_id,
            request_id: input.request_id ?? null,
            data: {
              tender_id: result.tender.id,
              type: result.tender.type,
              amount: Number(result.tender.amount),
              tendered: result.tender.tendered == null ? null : Number(result.tender.tendered),
            },
          },
        ])
      )
    })
    return new WorkflowResponse(result)
  }
)
