import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { addGiftCardToCartWorkflow, addStoreCreditsToCartWorkflow } from "@medusajs/loyalty-plugin/workflows"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { prepareCreditTenderStep, recordCreditTenderStep, type AddCreditTenderInput } from "./steps/credit-tender"
import { acquireSaleLock, releaseSaleLock } from "./utils/sale-lock"

export const addCreditTenderWorkflowId = "add-pos-credit-tender"

/**
 * A gift card or the attached customer's store credit as a tender, through Medusa's loyalty plugin:
 * its addGiftCardToCartWorkflow or addStoreCreditsToCartWorkflow puts the credit line on the sale's
 * cart (their hooks run), the plugin's completeCartWorkflow hook debits the card or account when the
 * sale completes. Under the sale's lock; the same idempotency key again answers the tender it took.
 * See docs/customers.md.
 */
export const addCreditTenderWorkflow = createWorkflow(
  addCreditTenderWorkflowId,
  (input: AddCreditTenderInput & { store_id: string; request_id?: string }) => {
    const lock = acquireSaleLock(input)
    const plan = prepareCreditTenderStep(
      transform({ input }, ({ input }) => ({
        sale_id: input.sale_id,
        type: input.type,
        code: input.code,
        amount: input.amount,
        idempotency_key: input.idempotency_key,
        staff_id: input.staff_id,
      }))
    )
    when("pos-credit-tender-gift-card", { plan }, ({ plan }) => !plan.replayed && !plan.on_cart && !!plan.code).then(() => {
      addGiftCardToCartWorkflow.runAsStep({
        input: transform({ plan }, ({ plan }) => ({ cart_id: plan.cart_id, code: plan.code! })),
      })
    })
    when("pos-credit-tender-store-credit", { plan }, ({ plan }) => !plan.replayed && !plan.on_cart && !plan.code).then(() => {
      addStoreCreditsToCartWorkflow.runAsStep({
        input: transform({ plan }, ({ plan }) => ({ cart_id: plan.cart_id, amount: plan.amount! })),
      })
    })
    const recorded = when("pos-credit-tender-record", { plan }, ({ plan }) => !plan.replayed).then(() => {
      const tender = recordCreditTenderStep(transform({ input, plan }, ({ input, plan }) => ({ tender: input, plan })))
      createAuditLogStep(
        transform({ input, tender, plan }, ({ input, tender, plan }) => [
          {
            actor_type: "staff" as const,
            actor_id: input.staff_id,
            store_id: input.store_id,
            action: "sale.tender_added",
            resource_type: "pos_sale",
            resource_id: input.sale_id,
            request_id: input.request_id ?? null,
            data: {
              tender_id: tender.id,
              type: tender.type,
              amount: Number(tender.amount),
              credit_reference_id: tender.credit_reference_id,
              credit_code: tender.credit_code,
              // whose store credit paid: any staff member can attach a customer, so each use names them
              customer_id: plan.customer_id,
            },
          },
        ])
      )
      return tender
    })
    releaseSaleLock(lock)
    return new WorkflowResponse(
      transform({ plan, recorded }, ({ plan, recorded }) => ({
        tender: (plan.replayed ?? recorded) as Record<string, any>,
        replayed: !!plan.replayed,
      }))
    )
  }
)
