import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordCardOutcome } from "./utils/card-outcome"
import { callStripe, cancelCardTender, settleCardTender, settleSimulatedCardTender } from "./utils/card-tender"
import { acquireSaleLock, releaseSaleLock } from "./utils/sale-lock"

export const settleCardTenderWorkflowId = "settle-pos-card-tender"

export type SettleCardTenderInput = {
  sale_id: string
  tender_id: string
  /**
   * refresh: brought up to date with Stripe (a poll, a webhook, a Stripe test tap);
   * cancel: the reader stops, nothing is charged; simulate: the plugin's simulated reader answers
   */
  action: "refresh" | "cancel" | "simulate"
  /** who asked: the till (a staff member), its poll, or Stripe's webhook */
  via: "till" | "poll" | "webhook"
  staff_id?: string
  outcome?: "approved" | "declined"
  /** a Stripe refusal is answered 4xx with this, e.g. "The card payment could not be checked"; none: as it comes */
  refusal?: string
}

/** The reader's outcome applied to the tender, with its audit row and event when it changed. Stripe cannot be taken back: no compensation. */
const settleCardTenderStep = createStep("settle-pos-card-tender", async (input: SettleCardTenderInput, { container }) => {
  const call = <T>(fn: () => Promise<T>) => (input.refusal ? callStripe(input.refusal, fn) : fn())
  let tender: any
  let changed = true
  if (input.action === "cancel") {
    tender = await call(() => cancelCardTender(container, input.tender_id))
  } else if (input.action === "simulate") {
    tender = await settleSimulatedCardTender(container, input.tender_id, input.outcome ?? "approved")
  } else {
    ;({ tender, changed } = await call(() => settleCardTender(container, input.tender_id)))
  }
  if (changed) {
    await recordCardOutcome(container, tender, input.via, input.via === "till" ? input.staff_id : undefined)
  }
  return new StepResponse({ tender, changed })
})

/**
 * A card tender settled under the sale's lock: brought up to date with Stripe, canceled on the
 * reader, or answered by the simulated reader. A late, repeated or racing refresh changes nothing
 * (the tender is settled from Stripe's own state). Answers the tender and whether it changed.
 */
export const settleCardTenderWorkflow = createWorkflow(settleCardTenderWorkflowId, (input: SettleCardTenderInput) => {
  const lock = acquireSaleLock(input)
  const settled = settleCardTenderStep(input)
  releaseSaleLock(lock)
  return new WorkflowResponse(settled)
})
