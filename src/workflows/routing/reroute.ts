import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { RoutingDecisionStatus } from "../../modules/pos/models/routing-decision"
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
 * Online orders of the last 7 days (placed more than 5 minutes ago, not canceled) that have no
 * routing decision and still hold a reservation: a routing that failed and was taken back (the
 * subscriber logs it), or a server that died before its subscriber ran. One query, so an older
 * order is not hidden behind newer ones already routed, and an order with nothing to route (no
 * managed stock, or handed over from Medusa's dashboard) is not looked at again every run. At most
 * 500 a run, oldest first (the nearest to leaving the window).
 */
export async function unroutedOrders(container: Container, now = Date.now()): Promise<string[]> {
  const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const rows = await knex.raw(
    `select o.id
       from "order" o
      where o.deleted_at is null
        and o.status <> 'canceled'
        and o.created_at between :from and :to
        and coalesce(o.metadata ->> 'pos_store_id', '') = ''
        and not exists (select 1 from pos_routing_decision d where d.order_id = o.id and d.deleted_at is null)
        and exists (
          select 1
            from order_item oi
            join reservation_item r on r.line_item_id = oi.item_id and r.deleted_at is null
           where oi.order_id = o.id and oi.deleted_at is null
        )
      order by o.created_at asc
      limit 500`,
    { from: new Date(now - UNROUTED_LOOKBACK_MS), to: new Date(now - UNROUTED_GRACE_MS) }
  )
  return (rows.rows as { id: string }[]).map((r) => r.id)
}

/**
 * Decisions that are their order's latest and unroutable (an order, or re-routed units, that found
 * no stock), on orders not canceled: the oldest 500 first, whatever number of decisions came after.
 */
async function stillUnroutable(container: Container) {
  const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const rows = await knex.raw(
    `select d.id, d.order_id, d.remainder, d.rerouted_from_task_id
       from pos_routing_decision d
       join "order" o on o.id = d.order_id and o.deleted_at is null and o.status <> 'canceled'
      where d.deleted_at is null
        and d.status = :unroutable
        and not exists (
          select 1 from pos_routing_decision n
           where n.order_id = d.order_id and n.deleted_at is null and (n.created_at, n.id) > (d.created_at, d.id)
        )
      order by d.created_at asc
      limit 500`,
    { unroutable: RoutingDecisionStatus.UNROUTABLE }
  )
  return rows.rows as { id: string; order_id: string; remainder: RerouteInput["remainder"] | null; rerouted_from_task_id: string | null }[]
}

/**
 * Orders (or re-routed units) that found no stock are routed again, and online orders that were
 * never routed are routed: the scheduled job runs this.
 */
export async function retryUnroutable(container: Container) {
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
  for (const decision of await stillUnroutable(container)) {
    try {
      const record = decision.remainder
        ? await routeRemainder(container, decision.order_id, decision.remainder, decision.rerouted_from_task_id, { retry_of: decision.id })
        : await routeOnlineOrder(container, decision.order_id, { retry: true })
      if (record?.status === RoutingDecisionStatus.ROUTED) {
        retried.push(decision.order_id)
      }
    } catch (error: any) {
      container.resolve(ContainerRegistrationKeys.LOGGER).error(`Routing order ${decision.order_id} again failed: ${error?.message ?? error}`)
    }
  }
  return retried
}
