import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, cancelOrderWorkflow, deleteReservationsStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { POS_MODULE } from "../../modules/pos"
import { StoreTaskKind, StoreTaskStatus } from "../../modules/pos/models/store-task"
import type PosModuleService from "../../modules/pos/service"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { listLineReservationsStep, loadStoreTaskStep, planPickupExpiryStep, updateStoreTaskStep } from "./steps/task-steps"
import { taskAuditEntry } from "./utils/tasks"

export const expirePickupWorkflowId = "expire-pos-pickup"

/**
 * A ready pickup nobody collected by its expiry, under the task's lock: the task expires, the
 * order's holds are released, and with `pickup.on_expiry: "cancel"` (the default) the order is
 * canceled by Medusa's cancelOrderWorkflow (which refunds what was captured); `pickup.expired`.
 */
export const expirePickupWorkflow = createWorkflow(expirePickupWorkflowId, (input: { task_id: string }) => {
  const lockKey = transform({ input }, ({ input }) => `pos:task:${input.task_id}`)
  acquireLockStep({ key: lockKey, timeout: 10, ttl: 120 })
  const task = loadStoreTaskStep(transform({ input }, ({ input }) => ({ task_id: input.task_id, action: "expire" as const })))
  // Medusa's key for order changes, with an owner (compensation never frees another caller's lock),
  // outside when(): a step renamed inside when() loses its compensation
  const orderId = transform({ task }, ({ task }) => task.order_id as string)
  const owner = transform({ input }, ({ input }) => `pos:task:${input.task_id}`)
  acquireLockStep({ key: orderId, ownerId: owner, timeout: 30, ttl: 120 }).config({ name: "acquire-pos-expiry-order-lock" })
  const plan = planPickupExpiryStep({ task })
  updateStoreTaskStep(transform({ task }, ({ task }) => ({ id: task.id as string, status: StoreTaskStatus.EXPIRED })))
  // the order's holds (all of them, for "release"; Medusa's cancel finds none left to free)
  const left = listLineReservationsStep(transform({ plan }, ({ plan }) => ({ item_ids: plan.item_ids })))
  deleteReservationsStep(left)
  // Last of what can be taken back: the cancel refunds what was captured, which nothing undoes,
  // so nothing after it may fail the workflow (a failed cancel puts the holds and the task back,
  // and the next run tries again).
  when("pos-expiry-cancels-order", { plan }, ({ plan }) => plan.cancel_order).then(() => {
    cancelOrderWorkflow.runAsStep({
      input: transform({ task }, ({ task }) => ({ order_id: task.order_id as string, canceled_by: "pos-pickup-expiry" }) as any),
    })
  })
  releaseLockStep({ key: orderId, ownerId: owner }).config({ name: "release-pos-expiry-order-lock", continueOnPermanentFailure: true })
  createAuditLogStep(
    transform({ task, plan, left }, ({ task, plan, left }) => taskAuditEntry(task, null, "pickup.expired", { canceled: plan.cancel, released: left?.length ?? 0 }))
  ).config({ continueOnPermanentFailure: true })
  emitEventStep({
    eventName: "pickup.expired",
    data: transform({ task }, ({ task }) => ({ id: task.id, order_id: task.order_id, store_id: task.store_id })),
  }).config({ continueOnPermanentFailure: true })
  releaseLockStep({ key: lockKey }).config({ continueOnPermanentFailure: true })
  return new WorkflowResponse(task)
})

/**
 * The scheduled job's work: every ready pickup past its expiry goes through expirePickupWorkflow.
 * One hold that cannot be released (part of the order fulfilled already) does not stop the others.
 */
export async function expirePickupHolds(container: { resolve: (key: string) => any }, now = new Date()) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const due = (await pos.listPosStoreTasks(
    { kind: StoreTaskKind.PICKUP, status: StoreTaskStatus.READY, expires_at: { $lt: now } },
    { select: ["id"] }
  )) as any[]
  const expired: string[] = []
  for (const task of due) {
    try {
      await expirePickupWorkflow(container as any).run({ input: { task_id: task.id } })
      expired.push(task.id)
    } catch (error: any) {
      container.resolve(ContainerRegistrationKeys.LOGGER).warn(`Could not expire pickup task ${task.id}: ${error?.message ?? error}`)
    }
  }
  return expired
}
