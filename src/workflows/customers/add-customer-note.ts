import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { createCustomerNoteStep, requireCustomerStep } from "./steps/customer-steps"

export const addCustomerNoteWorkflowId = "add-pos-customer-note"

/** A staff member's note about a customer, audited. */
export const addCustomerNoteWorkflow = createWorkflow(
  addCustomerNoteWorkflowId,
  (input: { customer_id: string; store_id: string; staff_id: string; text: string; request_id?: string | null }) => {
    requireCustomerStep(input)
    const note = createCustomerNoteStep(
      transform({ input }, ({ input }) => ({ customer_id: input.customer_id, store_id: input.store_id, staff_id: input.staff_id, text: input.text }))
    )
    createAuditLogStep(
      transform({ input, note }, ({ input, note }) => [
        {
          actor_type: "staff" as const,
          actor_id: input.staff_id,
          store_id: input.store_id,
          action: "customer.note_added",
          resource_type: "customer",
          resource_id: input.customer_id,
          request_id: input.request_id ?? null,
          data: { note_id: (note as any).id },
        },
      ])
    )
    return new WorkflowResponse(note)
  }
)
