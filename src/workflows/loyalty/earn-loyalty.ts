import { MathBN } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { creditAccountsWorkflow } from "@medusajs/loyalty-plugin/workflows"
import { LOYALTY_EARN_REFERENCE, loyaltyTransactions, plannedEarn } from "./utils/earn"
import { ensureCustomerCreditAccount } from "./utils/loyalty"

export const earnLoyaltyWorkflowId = "earn-pos-loyalty"

/** What a paid order earns and the account it goes into; nothing when it earns none or earned already. */
const planLoyaltyEarnStep = createStep("plan-pos-loyalty-earn", async (input: { order_id: string }, { container }) => {
  const planned = await plannedEarn(container, input.order_id)
  if (!planned || !planned.paid || !(planned.amount > 0)) {
    return new StepResponse(null)
  }
  if ((await loyaltyTransactions(container, LOYALTY_EARN_REFERENCE, [input.order_id])).length) {
    return new StepResponse(null)
  }
  const account = await ensureCustomerCreditAccount(container, planned.customer_id, planned.currency_code)
  return new StepResponse({
    account_id: account.id,
    amount: planned.amount,
    note: `Loyalty: ${MathBN.mult(planned.rate, 100).toNumber()}% of ${planned.base} ${planned.currency_code.toUpperCase()} paid`,
  })
})

/**
 * Loyalty earn (docs/customers.md): once an order of a registered customer is paid, in any channel,
 * the earn rate of what they paid goes into their store credit account through the loyalty plugin's
 * creditAccountsWorkflow, once per order (under a lock per order; the ledger's reference is the order).
 */
export const earnLoyaltyWorkflow = createWorkflow(earnLoyaltyWorkflowId, (input: { order_id: string }) => {
  const key = transform({ input }, ({ input }) => `pos:loyalty:${input.order_id}`)
  acquireLockStep({ key, timeout: 30, ttl: 60 })
  const plan = planLoyaltyEarnStep(input)
  when("pos-loyalty-earns", { plan }, ({ plan }) => !!plan).then(() => {
    creditAccountsWorkflow.runAsStep({
      input: transform({ plan, input }, ({ plan, input }) => [
        { account_id: plan!.account_id, amount: plan!.amount, reference: LOYALTY_EARN_REFERENCE, reference_id: input.order_id, note: plan!.note },
      ]),
    })
  })
  releaseLockStep({ key }).config({ continueOnPermanentFailure: true })
  return new WorkflowResponse(plan)
})
