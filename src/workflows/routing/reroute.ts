import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { POS_MODULE } from "../../modules/pos"
import { RoutingDecisionStatus } from "../../modules/pos/models/routing-decision"
import type PosModuleService from "../../modules/pos/service"
import { routeOnlineOrder, routingLockKey } from "./route-online-order"
import { createRoutingDecisionStep, decideRerouteStep, placeReroutedStep, shrinkPickupTransferStep, type RerouteInput } from "./steps/routing-steps"

type Container = { resolve: (key: string) => any }

export const rerouteUnitsWorkflowId = "reroute-pos-units"

/**
 * Routes units of an order that are not placed anywhere (after a short pick, or a retry of units
 * that found no stock): the engine over fresh stock and reservations at the chosen nodes under
 * the items' locks, the pickup's transfer from the short store shrunk, a decision row with the
 * trace (or unroutable with the reason, keeping the units to place for the next retry), the
 * tasks (placeReroutedStep), and `routing.rerouted`. A failure half-way takes back the
 * reservations, the pickup task's lines and the tasks made. The scheduled job's retry runs under
 * a lock of the order's retries and only while the decision it retries is still the order's latest.
 */
export const rerouteUnitsWorkflow = createWorkflow(rerouteUnitsWorkflowId, (input: RerouteInput) => {
  // Retries of one order run one at a time. A short pick's re-route takes no such lock: it holds its
  // task's lock and Medusa's order lock, and waiting here while a retry waits for its task would deadlock.
  const lockKey = transform({ input }, ({ input }) => (input.retry_of ? [routingLockKey(`${input.order_id}:retry`)] : []))
  acquireLockStep({ key: lockKey, timeout: 30, ttl: 120 })
  const plan = decideRerouteStep(input)
  shrinkPickupTransferStep(
    transform({ input, plan }, ({ input, plan }) => ({
      order_id: input.order_id,
      pickup_node_id: plan.pickup_node_id,
      from_task_id: plan.decision ? input.from_task_id : null,
      remainder: input.remainder,
      locked_task_id: input.locked_task_id ?? null,
      retry: !!input.retry_of,
    }))
  )
  const record = createRoutingDecisionStep(transform({ plan }, ({ plan }) => plan.decision))
  const events = placeReroutedStep(
    transform({ plan, record, input }, ({ plan, record, input }) => ({
      plan,
      decision_id: record && record.status === RoutingDecisionStatus.ROUTED ? (record.id as string) : null,
      order_id: input.order_id,
      locked_task_id: input.locked_task_id ?? null,
    }))
  )
  emitEventStep({ eventName: "pos.task.created", data: events })
  emitEventStep({
    eventName: "routing.rerouted",
    data: transform({ record, input }, ({ record, input }) =>
      record ? [{ id: record.id, order_id: input.order_id, status: record.status, from_task_id: input.from_task_id }] : []
    ),
  }).config({ name: "emit-pos-routing-rerouted" })
  releaseLockStep({ key: lockKey }).config({ continueOnPermanentFailure: true })
  return new WorkflowResponse(record)
})

/** Routes units not placed anywhere (rerouteUnitsWorkflow): the stored decision, or null when nothing was stored. */
export async function routeRemainder(
  container: Container,
  orderId: string,
  remainder: RerouteInput["remainder"],
  fromTaskId: string | null,
  options: { retry_of?: string | null; locked_task_id?: string | null } = {}
) {
  const { result } = await rerouteUnitsWorkflow(container as any).run({
    input: { order_id: orderId, remainder, from_task_id: fromTaskId, retry_of: options.retry_of ?? null, locked_task_id: options.locked_task_id ?? null },
  })
  return (result as any) ?? null
}

/** Orders (or re-routed units) that found no stock are routed again: the scheduled job runs this. */
export async function retryUnroutable(container: Container) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const recent = (await pos.listPosRoutingDecisions({}, { order: { created_at: "DESC", id: "DESC" }, take: 1000 })) as any[]
  const latest = new Map<string, any>()
  for (const d of recent) {
    if (!latest.has(d.order_id)) {
      latest.set(d.order_id, d)
    }
  }
  const retried: string[] = []
  for (const decision of latest.values()) {
    if (decision.status !== RoutingDecisionStatus.UNROUTABLE) {
      continue
    }
    const record = decision.remainder
      ? await routeRemainder(container, decision.order_id, decision.remainder, decision.rerouted_from_task_id, { retry_of: decision.id })
      : await routeOnlineOrder(container, decision.order_id, { retry: true })
    if (record?.status === RoutingDecisionStatus.ROUTED) {
      retried.push(decision.order_id)
    }
  }
  return retried
}
