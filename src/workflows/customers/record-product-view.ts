import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordProductViewStep } from "./steps/customer-steps"

export const recordProductViewWorkflowId = "record-pos-product-view"

/** Keeps a signed-in customer's product view, only while they consent to `browsing_history`. */
export const recordProductViewWorkflow = createWorkflow(
  recordProductViewWorkflowId,
  (input: { customer_id: string; product_id: string; variant_id?: string | null }) => new WorkflowResponse(recordProductViewStep(input))
)
