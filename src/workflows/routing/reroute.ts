import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
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
      locked_task_ids: input.locked_task_ids ?? null,
      retry: !!input.retry_of,
    }))
  )
  const record = createRoutingDecisionStep(transform({ plan }, ({ plan }) => plan.decision))
  const events = placeReroutedStep(
    transform({ plan, record, input }, ({ plan, record, input }) => ({
      plan,
      decision_id: record && record.status === RoutingDecisionStatus.ROUTED ? (record.id as string) : null,
      order_id: input.order_id,
      locked_task_ids: input.locked_task_ids ?? null,
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
  options: { retry_of?: string | null; locked_task_ids?: string[] | null } = {}
) {
  const { result } = await rerouteUnitsWorkflow(container as any).run({
    input: { order_id: orderId, remainder, from_task_id: fromTaskId, retry_of: options.retry_of ?? null, locked_task_ids: options.locked_task_ids ?? null },
  })
  return (result as any) ?? null
}

/** Online orders placed this long ago at most are looked at for a routing that never happened. */
const UNROUTED_LOOKBACK_MS = 7 * 24 * 3600 * 1000
/** ...and this long ago at least: the `order.placed` subscriber has had its chance. */
const UNROUTED_GRACE_MS = 5 * 60 * 1000

/**
 * Online orders of the last 7 days (placed more than 5 minutes ago) that have no routing decision:
 * a routing that failed and was taken back (the subscriber logs it), or a server that died before
 * its subscriber ran. At most 500 a run, newest first.
 */
async function unroutedOrders(container: Container, now = Date.now()) {
  const orders = (await container.resolve(Modules.ORDER).listOrders(
    { created_at: { $gte: new Date(now - UNROUTED_LOOKBACK_MS), $lte: new Date(now - UNROUTED_GRACE_MS) }, status: { $ne: "canceled" } } as any,
    { select: ["id", "metadata"], order: { created_at: "DESC" }, take: 500 }
  )) as any[]
  const online = orders.filter((o) => !(o.metadata as Record<string, unknown> | null)?.pos_store_id).map((o) => o.id as string)
  if (!online.length) {
    return []
  }
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const decided = new Set(((await pos.listPosRoutingDecisions({ order_id: online }, { select: ["order_id"] })) as any[]).map((d) => d.order_id))
  return online.filter((id) => !decided.has(id))
}

/**
 * Orders (or re-routed units) that found no stock are routed again, and online orders that were
 * never routed are routed: the scheduled job runs this.
 */
export async function retryUnroutable(container: Container) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const retried: string[] = []
  for (const orderId of await unroutedOrders(container)) {
    try {
      const record = await routeOnlineOrder(container, orderId)
      if (record?.status === RoutingDecisionStatus.ROUTED) {
        retried.push(orderId)
      }
    } catch (error: any) {
      container.resolve(ContainerRegistrationKeys.LOGGER).error(`Routing order ${orderId} failed again: ${error?.message ?? error}`)
    }
  }
  const recent = (await pos.listPosRoutingDecisions({}, { order: { created_at: "DESC", id: "DESC" }, take: 1000 })) as any[]
  const latest = new Map<string, any>()
  for (const d of recent) {
    if (!latest.has(d.order_id)) {
      latest.set(d.order_id, d)
    }
  }
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
