import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, cancelOrderWorkflow, deleteReservationsStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { POS_MODULE } from "../../modules/pos"
import { StoreTaskKind, StoreTaskStatus } from "../../modules/pos/models/store-task"
import type PosModuleService from "../../modules/pos/service"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { listLineReservationsStep, loadStoreTaskStep, planPickupExpiryStep, updateStoreTaskStep } from "./steps/task-steps"

export const expirePickupWorkflowId = "expire-pos-pickup"

/**
 * A ready pickup nobody collected by its expiry, under the task's lock: with `pickup.on_expiry:
 * "cancel"` (the default) the order is canceled by Medusa's cancelOrderWorkflow (which refunds what
 * was captured and frees its reservations); the order's holds left are released either way, the
 * task expires, `pickup.expired`.
 */
export const expirePickupWorkflow = createWorkflow(expirePickupWorkflowId, (input: { task_id: string }) => {
  const lockKey = transform({ input }, ({ input }) => `pos:task:${input.task_id}`)
  acquireLockStep({ key: lockKey, timeout: 10, ttl: 120 })
  const task = loadStoreTaskStep(transform({ input }, ({ input }) => ({ task_id: input.task_id, action: "expire" as const })))
  const plan = planPickupExpiryStep({ task })
  // Medusa's key for order changes, outside when(): a step renamed inside when() loses its compensation
  const orderId = transform({ task }, ({ task }) => task.order_id as string)
  acquireLockStep({ key: orderId, timeout: 30, ttl: 120 }).config({ name: "acquire-pos-expiry-order-lock" })
  when("pos-expiry-cancels-order", { plan }, ({ plan }) => plan.cancel_order).then(() => {
    cancelOrderWorkflow.runAsStep({
      input: transform({ task }, ({ task }) => ({ order_id: task.order_id as string, canceled_by: "pos-pickup-expiry" }) as any),
    })
  })
  const left = listLineReservationsStep(transform({ plan }, ({ plan }) => ({ item_ids: plan.item_ids })))
  deleteReservationsStep(left)
  updateStoreTaskStep(transform({ task }, ({ task }) => ({ id: task.id as string, status: StoreTaskStatus.EXPIRED })))
  releaseLockStep({ key: orderId }).config({ name: "release-pos-expiry-order-lock", continueOnPermanentFailure: true })
  createAuditLogStep(
    transform({ task, plan, left }, ({ task, plan, left }) => [
      {
        actor_type: "system" as const,
        actor_id: "pos",
        store_id: task.store_id,
        action: "pickup.expired",
        resource_type: "order",
        resource_id: task.order_id,
        data: { task_id: task.id, canceled: plan.cancel, released: left.length },
      },
    ])
  )
  emitEventStep({
    eventName: "pickup.expired",
    data: transform({ task }, ({ task }) => ({ id: task.id, order_id: task.order_id, store_id: task.store_id })),
  })
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
