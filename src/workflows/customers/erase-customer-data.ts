import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { eraseCustomerDataStep } from "./steps/customer-steps"

export const eraseCustomerDataWorkflowId = "erase-pos-customer-data"

/**
 * Erases what the plugin holds about a customer (consents, staff notes, product views), for a
 * dashboard user, or when Medusa deletes the customer; the audit row keeps who did it and how many
 * rows went. Medusa's own customer,
 * orders and returns are Medusa's to erase. Emits `pos.customer.data_erased`.
 */
export const eraseCustomerDataWorkflow = createWorkflow(
  eraseCustomerDataWorkflowId,
  (input: { customer_id: string; actor_id: string; actor_type?: "user" | "system"; request_id?: string | null }) => {
    const erased = eraseCustomerDataStep(input)
    createAuditLogStep(
      transform({ input, erased }, ({ input, erased }) => [
        {
          actor_type: input.actor_type ?? ("user" as const),
          actor_id: input.actor_id,
          action: "customer.data_erased",
          resource_type: "customer",
          resource_id: input.customer_id,
          request_id: input.request_id ?? null,
          data: erased,
        },
      ])
    )
    emitEventStep({ eventName: "pos.customer.data_erased", data: transform({ input }, ({ input }) => ({ customer_id: input.customer_id })) })
    return new WorkflowResponse(erased)
  }
)
