import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { reverseLoyaltyStep } from "../loyalty/steps/reverse-loyalty"
import { orderReturnLockKey } from "./receive-store-return"
import {
  collectExchangeDifferenceStep,
  issueReturnStoreCreditStep,
  planReturnMoneyStep,
  refundReturnToTendersStep,
  type ReturnMoneyInput,
} from "./steps/money-steps"

export const settleReturnMoneyWorkflowId = "settle-pos-return-money"

/**
 * The money of a received return, under the order's return lock: an exchange's difference
 * collected into the drawer, or the refund to the original tenders (the refund split, idempotent
 * per return), or store credit. Nothing once it was done. A refusal or a failure leaves the return
 * received with the reason (refund_failed): the same request again finishes it.
 */
export const settleReturnMoneyWorkflow = createWorkflow(settleReturnMoneyWorkflowId, (input: ReturnMoneyInput & { order_id: string }) => {
  const lockKey = transform({ input }, ({ input }) => orderReturnLockKey(input.order_id))
  acquireLockStep({ key: lockKey, timeout: 30, ttl: 120 })
  const plan = planReturnMoneyStep(input)
  const money = transform({ input, plan }, ({ input, plan }) => ({
    pos_return_id: input.pos_return_id,
    staff_id: input.staff_id,
    shift_id: input.shift_id,
    amount: plan.amount,
  }))
  const collected = when({ plan }, ({ plan }) => plan.kind === "collect").then(() => collectExchangeDifferenceStep(money))
  const credited = when({ plan }, ({ plan }) => plan.kind === "store_credit").then(() => issueReturnStoreCreditStep(money))
  const refunded = when({ plan }, ({ plan }) => plan.kind === "refund").then(() => refundReturnToTendersStep(money))
  // what the returned amount earned in loyalty goes back (docs/customers.md); nothing when loyalty is off
  when("pos-return-loyalty", { plan }, ({ plan }) => plan.kind === "refund" || plan.kind === "store_credit").then(() => {
    reverseLoyaltyStep(transform({ input }, ({ input }) => ({ pos_return_id: input.pos_return_id, staff_id: input.staff_id })))
  })
  releaseLockStep({ key: lockKey }).config({ continueOnPermanentFailure: true })
  return new WorkflowResponse(
    transform({ collected, credited, refunded }, ({ collected, credited, refunded }) => (collected ?? credited ?? refunded ?? null) as { error: string | null; refund: any } | null)
  )
})
