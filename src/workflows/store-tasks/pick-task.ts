import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  adjustInventoryLevelsStep,
  deleteReservationsStep,
  releaseLockStep,
  updateReservationsStep,
} from "@medusajs/medusa/core-flows"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import {
  loadStoreTaskStep,
  loadWaitingPickupTaskStep,
  planShortStockStep,
  recordDiscrepanciesStep,
  rerouteShortUnitsStep,
  retrieveStoreTaskStep,
  updateStoreTaskStep,
} from "./steps/task-steps"
import { asJson, planPick, taskAuditEntry, type PickedLine } from "./utils/tasks"

export const pickStoreTaskWorkflowId = "pick-pos-store-task"

export type PickStoreTaskInput = { task_id: string; staff_id: string; lines?: PickedLine[]; reason?: string }

const planPickStep = createStep("plan-pos-pick", async (input: { task: any; lines?: PickedLine[]; reason?: string }) => {
  return new StepResponse(planPick(input.task, input.lines, input.reason))
})

/**
 * Confirms a pick under the task's lock and the order's. Units not found or damaged (a short pick) leave this
 * store through Medusa's reservation and inventory steps (the reservation here shrunk, the level
 * lowered, each with its compensation and the inventory module's events), are recorded as a
 * discrepancy, and are routed again to other nodes (a new decision with its trace, new tasks,
 * `routing.rerouted`). A failure half-way puts the task and the stock back as they were.
 */
export const pickStoreTaskWorkflow = createWorkflow(pickStoreTaskWorkflowId, (input: PickStoreTaskInput) => {
  const lockKey = transform({ input }, ({ input }) => `pos:task:${input.task_id}`)
  acquireLockStep({ key: lockKey, timeout: 10, ttl: 120 })
  const task = loadStoreTaskStep(transform({ input }, ({ input }) => ({ task_id: input.task_id, action: "pick" as const })))
  // Medusa's key for order changes: a ship or hand-over of the same order parks this line's other
  // reservations while it runs; a short pick shrinking or re-routing them waits for it to finish
  const orderId = transform({ task }, ({ task }) => task.order_id as string)
  // the order's pickup task, whose lines a short pick here may change: locked before the order, as its own actions do
  const pickupTasks = loadWaitingPickupTaskStep(transform({ task }, ({ task }) => ({ order_id: task.order_id as string, except_task_id: task.id as string })))
  const pickupLocks = transform({ pickupTasks }, ({ pickupTasks }) => pickupTasks.map((id) => `pos:task:${id}`))
  acquireLockStep({ key: pickupLocks, timeout: 30, ttl: 120 }).config({ name: "acquire-pos-pick-pickup-lock" })
  const owner = transform({ input }, ({ input }) => `pos:task:${input.task_id}`)
  acquireLockStep({ key: orderId, ownerId: owner, timeout: 30, ttl: 120 }).config({ name: "acquire-pos-pick-order-lock" })
  const plan = planPickStep(transform({ input, task }, ({ input, task }) => ({ task, lines: input.lines, reason: input.reason })))
  updateStoreTaskStep(
    transform({ task, plan }, ({ task, plan }) => ({ id: task.id as string, lines: asJson(plan.lines), status: plan.status, units: plan.units }))
  )

  when("pos-pick-short", { plan }, ({ plan }) => plan.shorts.length > 0).then(() => {
    const stock = planShortStockStep(transform({ input, task, plan }, ({ input, task, plan }) => ({ task, shorts: plan.shorts, reason: input.reason! })))
    // Medusa's steps, not renamed: a step renamed inside when() loses its compensation (Medusa 2.21).
    // The reservations first: Medusa refuses a level below what is reserved at it.
    updateReservationsStep(transform({ stock }, ({ stock }) => stock.reservation_updates))
    deleteReservationsStep(transform({ stock }, ({ stock }) => stock.reservation_deletes))
    adjustInventoryLevelsStep(transform({ stock }, ({ stock }) => stock.adjustments))
    recordDiscrepanciesStep(transform({ stock }, ({ stock }) => stock.discrepancies))
  })

  createAuditLogStep(
    transform({ input, task, plan }, ({ input, task, plan }) => taskAuditEntry(task, input.staff_id, plan.shorts.length ? "task.short_picked" : "task.picked", { lines: plan.lines, reason: input.reason ?? null }))
  )
  // Last, after everything that could fail and be taken back: the re-route is not compensated.
  const reroute = when("pos-pick-reroute", { plan }, ({ plan }) => plan.shorts.length > 0).then(() =>
    rerouteShortUnitsStep(
      transform({ task, plan, pickupTasks }, ({ task, plan, pickupTasks }) => ({
        order_id: task.order_id as string,
        shorts: plan.shorts,
        task_id: task.id as string,
        locked_task_ids: [task.id as string, ...pickupTasks],
      }))
    )
  )
  const updated = retrieveStoreTaskStep(transform({ input }, ({ input }) => ({ id: input.task_id })))
  releaseLockStep({ key: orderId, ownerId: owner }).config({ name: "release-pos-pick-order-lock", continueOnPermanentFailure: true })
  releaseLockStep({ key: pickupLocks }).config({ name: "release-pos-pick-pickup-lock", continueOnPermanentFailure: true })
  releaseLockStep({ key: lockKey }).config({ continueOnPermanentFailure: true })
  return new WorkflowResponse(transform({ updated, reroute }, ({ updated, reroute }) => ({ task: updated, reroute: reroute ?? null })))
})
