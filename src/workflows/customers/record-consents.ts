import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { createConsentRowsStep, forgetProductViewsStep, requireCustomerStep, type ConsentChangeInput } from "./steps/customer-steps"

export const recordConsentsWorkflowId = "record-pos-customer-consents"

/**
 * Records a customer's consent changes (given or withdrawn, per purpose), each a row of its own
 * with when, where, by whom and the wording shown; answers what holds now. A change made by staff
 * (at a till, with the customer present) or in the dashboard leaves an audit row. A withdrawal of
 * `browsing_history` forgets the customer's product views at once.
 * Emits `pos.customer.consent_changed`.
 */
export const recordConsentsWorkflow = createWorkflow(recordConsentsWorkflowId, (input: ConsentChangeInput & { request_id?: string | null }) => {
  requireCustomerStep(input)
  const consents = createConsentRowsStep(input)
  forgetProductViewsStep(input)
  createAuditLogStep(
    transform({ input }, ({ input }) =>
      input.recorded_by_type === "customer"
        ? []
        : [
            {
              actor_type: input.recorded_by_type as "staff" | "user",
              actor_id: input.recorded_by,
              store_id: input.store_id ?? null,
              action: "customer.consent_changed",
              resource_type: "customer",
              resource_id: input.customer_id,
              request_id: input.request_id ?? null,
              data: { source: input.source, changes: input.changes.map((c) => ({ purpose: c.purpose, granted: c.granted })) },
            },
          ]
    )
  )
  emitEventStep({
    eventName: "pos.customer.consent_changed",
    data: transform({ input }, ({ input }) => ({
      customer_id: input.customer_id,
      source: input.source,
      changes: input.changes.map((c) => ({ purpose: c.purpose, granted: c.granted })),
    })),
  })
  return new WorkflowResponse(consents)
})
