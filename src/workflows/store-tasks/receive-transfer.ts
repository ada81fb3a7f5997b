import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { loadShippedUnitsStep, loadStoreTaskStep, updateStoreTaskStep } from "./steps/task-steps"
import { asJson, planReceive, taskAuditEntry, type ReceivedLine } from "./utils/tasks"

export const receiveTransferWorkflowId = "receive-pos-transfer"

export type ReceiveTransferInput = { task_id: string; staff_id: string; lines: ReceivedLine[] }

const planReceiveStep = createStep("plan-pos-transfer-receipt", async (input: { task: any; lines: ReceivedLine[]; sent: Record<string, number> }) => {
  return new StepResponse(planReceive(input.task, input.lines, new Map(Object.entries(input.sent))))
})

/**
 * Units sent to a pickup store for a customer's order are scanned in, under the task's lock: each
 * transfer line's `received` is set to what is now here (never more than its node shipped, by
 * Medusa's fulfilments), and units shipped but not here are recorded as `missing`, with an audit
 * row `transfer.missing`. The pickup can be made ready only once every transfer line is received.
 */
export const receiveTransferWorkflow = createWorkflow(receiveTransferWorkflowId, (input: ReceiveTransferInput) => {
  const lockKey = transform({ input }, ({ input }) => `pos:task:${input.task_id}`)
  acquireLockStep({ key: lockKey, timeout: 10, ttl: 120 })
  const task = loadStoreTaskStep(transform({ input }, ({ input }) => ({ task_id: input.task_id, action: "receive" as const })))
  const sent = loadShippedUnitsStep(transform({ task }, ({ task }) => ({ order_id: task.order_id as string })))
  const plan = planReceiveStep(transform({ input, task, sent }, ({ input, task, sent }) => ({ task, lines: input.lines, sent })))
  const updated = updateStoreTaskStep(transform({ task, plan }, ({ task, plan }) => ({ id: task.id as string, lines: asJson(plan.lines) })))
  createAuditLogStep(
    transform({ input, task, plan }, ({ input, task, plan }) => taskAuditEntry(task, input.staff_id, "transfer.received", { lines: input.lines }))
  )
  when("pos-transfer-missing", { plan }, ({ plan }) => plan.missing.length > 0).then(() => {
    createAuditLogStep(
      transform({ input, task, plan }, ({ input, task, plan }) => taskAuditEntry(task, input.staff_id, "transfer.missing", { missing: plan.missing }))
    ).config({ name: "audit-pos-transfer-missing" })
  })
  emitEventStep({
    eventName: "pos.transfer.received",
    data: transform({ task, plan }, ({ task, plan }) => ({ id: task.id, order_id: task.order_id, store_id: task.store_id, missing: plan.missing })),
  })
  releaseLockStep({ key: lockKey }).config({ continueOnPermanentFailure: true })
  return new WorkflowResponse(transform({ updated, plan }, ({ updated, plan }) => ({ task: updated, missing: plan.missing })))
})
