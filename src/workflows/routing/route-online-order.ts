import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createRoutingDecisionStep, createRoutingTasksStep, decideOnlineRoutingStep, pinPickupAddressStep } from "./steps/routing-steps"

type Container = { resolve: (key: string) => any }

export const routeOnlineOrderWorkflowId = "route-pos-online-order"

/** The lock an order's routing runs under: one decision at a time per order, on any server. */
export const routingLockKey = (orderId: string) => `pos:routing:${orderId}`

/**
 * Routes an online order after Medusa placed it, under the order's routing lock: the engine
 * decides with the merchant's rule set and the order's reservations move to the chosen nodes
 * (decideOnlineRoutingStep), the decision and its trace are stored, the stores get their tasks,
 * a pickup order's address becomes its store's, and `pos.task.created` and `routing.decided`
 * are emitted once everything held. A failure half-way puts the reservations back and removes
 * the decision and the tasks. An order is routed once: asked again (an event delivered twice,
 * two servers), it answers null and changes nothing. Orders sold at a till are not routed. A
 * `retry` (the scheduled job) routes only an order still unroutable, and stores a decision only
 * when it routes.
 */
export const routeOnlineOrderWorkflow = createWorkflow(routeOnlineOrderWorkflowId, (input: { order_id: string; retry?: boolean }) => {
  const lockKey = transform({ input }, ({ input }) => routingLockKey(input.order_id))
  acquireLockStep({ key: lockKey, timeout: 30, ttl: 120 })
  const plan = decideOnlineRoutingStep(input)
  const record = createRoutingDecisionStep(transform({ plan }, ({ plan }) => plan.decision))
  const events = createRoutingTasksStep(transform({ plan, record }, ({ plan, record }) => ({ tasks: plan.tasks, decision_id: (record?.id as string) ?? null })))
  pinPickupAddressStep(transform({ plan, input }, ({ plan, input }) => ({ order_id: input.order_id, store_id: plan.decision ? plan.pickup_store_id : null })))
  emitEventStep({ eventName: "pos.task.created", data: events })
  emitEventStep({
    eventName: "routing.decided",
    data: transform({ record, input }, ({ record, input }) => (record ? [{ id: record.id, order_id: input.order_id, status: record.status }] : [])),
  }).config({ name: "emit-pos-routing-decided" })
  releaseLockStep({ key: lockKey }).config({ continueOnPermanentFailure: true })
  return new WorkflowResponse(record)
})

/** Routes an online order (routeOnlineOrderWorkflow): the stored decision, or null when nothing was stored. */
export async function routeOnlineOrder(container: Container, orderId: string, options: { retry?: boolean } = {}) {
  const { result } = await routeOnlineOrderWorkflow(container as any).run({ input: { order_id: orderId, retry: options.retry } })
  return (result as any) ?? null
}
