import { Modules } from "@medusajs/framework/utils"
import { routeOrder, type Allocation } from "../../lib/routing"
import { POS_MODULE } from "../../modules/pos"
import { RoutingDecisionStatus } from "../../modules/pos/models/routing-decision"
import { StoreTaskKind } from "../../modules/pos/models/store-task"
import type PosModuleService from "../../modules/pos/service"
import { currentNodes, loadNetwork, loadOrderForRouting, routeOnlineOrder } from "./route-online-order"
import { asJson, linesOf } from "../store-tasks/utils/tasks"
import { createStoreTasks } from "./store-tasks"

type Container = { resolve: (key: string) => any }

const emit = (container: Container, name: string, data: Record<string, unknown>) =>
  container.resolve(Modules.EVENT_BUS).emit({ name, data })

/**
 * Routes units of an order that are not placed anywhere (after a short pick,
 * or an earlier attempt that found no stock): the engine over fresh stock,
 * reservations at the chosen nodes under the items' locks, a decision row
 * with the trace (or unroutable with the reason, keeping the lines to place
 * for the next retry), tasks, and `routing.rerouted`.
 */
export async function routeRemainder(
  container: Container,
  orderId: string,
  remainder: { line_item_id: string; inventory_item_id: string; quantity: number }[],
  fromTaskId: string | null,
  options: { retry?: boolean } = {}
) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const inventory = container.resolve(Modules.INVENTORY)
  const network = await loadNetwork(container)
  const order = await loadOrderForRouting(container, network, orderId)
  if (!order) {
    return null
  }
  const lines = remainder.map((r, i) => ({ line_id: `${r.line_item_id}#r${i}`, inventory_item_id: r.inventory_item_id, quantity: r.quantity }))
  const { nodes } = await currentNodes(container, network, { lines, item_ids: [] })
  const decision = routeOrder({ lines, destination: order.destination }, nodes, await pos.routingRuleSet())
  let reason = decision.status === "unroutable" ? decision.reason : null
  if (decision.status === "routed") {
    try {
      await container.resolve(Modules.LOCKING).execute([...new Set(lines.map((l) => l.inventory_item_id))], async () => {
        await inventory.createReservationItems(
          decision.allocations.map((a) => ({
            line_item_id: a.line_id.split("#")[0],
            inventory_item_id: a.inventory_item_id,
            location_id: a.node_id,
            quantity: a.quantity,
            description: "Re-routed by medusa-omnichannel-pos",
          }))
        )
      })
    } catch (error: any) {
      reason = `The chosen node lost the stock while reserving (${error?.message ?? error}); the units will be routed again`
    }
  }
  const routed = decision.status === "routed" && !reason
  if (!options.retry && fromTaskId) {
    // the source of a pickup's transfer sends less: the pickup no longer waits for those units from it
    await shrinkPickupTransfer(container, order.order_id, order.destination.pickup_node_id, fromTaskId, remainder)
  }
  if (options.retry && !routed) {
    return null
  }
  const allocations = routed ? decision.allocations.map((a) => ({ ...a, line_id: a.line_id.split("#")[0] })) : []
  const record = await pos.createPosRoutingDecisions({
    order_id: orderId,
    status: routed ? RoutingDecisionStatus.ROUTED : RoutingDecisionStatus.UNROUTABLE,
    rule_set_version: decision.trace.rule_set_version,
    shipments: routed ? decision.shipments : 0,
    allocations: allocations as unknown as Record<string, unknown>,
    trace: decision.trace as unknown as Record<string, unknown>,
    reason,
    rerouted_from_task_id: fromTaskId,
    remainder: remainder as unknown as Record<string, unknown>,
  })
  if (routed) {
    await placeRerouted(container, network, order, record.id, allocations as Allocation[])
  }
  await emit(container, "routing.rerouted", { id: record.id, order_id: orderId, status: record.status, from_task_id: fromTaskId })
  return record
}

/**
 * A short pick at a store that was sending a pickup's units over (its ship task "Transfer to …"):
 * the pickup task's transfer lines from that store lose the short units (`short` says how many),
 * so ready waits only for what will come; the re-routed units are added as new lines.
 */
async function shrinkPickupTransfer(
  container: Container,
  orderId: string,
  pickupNode: string | null,
  fromTaskId: string,
  remainder: { line_item_id: string; quantity: number }[]
) {
  if (!pickupNode) {
    return
  }
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const [fromTask] = (await pos.listPosStoreTasks({ id: fromTaskId }, { select: ["id", "kind", "location_id"] })) as any[]
  const [pickupTask] = (await pos.listPosStoreTasks({ order_id: orderId, kind: StoreTaskKind.PICKUP, location_id: pickupNode })) as any[]
  if (!fromTask || fromTask.kind !== StoreTaskKind.SHIP || fromTask.location_id === pickupNode || !pickupTask) {
    return
  }
  const lines = linesOf(pickupTask)
  for (const r of remainder) {
    let left = r.quantity
    for (const line of lines) {
      if (left > 0 && line.line_item_id === r.line_item_id && line.from_node_id === fromTask.location_id) {
        const take = Math.min(left, line.quantity - (line.received ?? 0))
        line.quantity -= take
        line.short = (line.short ?? 0) + take
        left -= take
      }
    }
  }
  await pos.updatePosStoreTasks({ id: pickupTask.id, lines: asJson(lines.filter((l) => l.quantity > 0 || (l.received ?? 0) > 0)) })
}

/** New tasks for re-routed units; a pickup order's pickup task lists them as transfers instead of a second pickup task. */
async function placeRerouted(container: Container, network: any, order: any, decisionId: string, allocations: Allocation[]) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const pickupNode = order.destination.pickup_node_id
  const [pickupTask] = pickupNode
    ? ((await pos.listPosStoreTasks({ order_id: order.order_id, kind: StoreTaskKind.PICKUP, location_id: pickupNode })) as any[])
    : []
  if (!pickupTask) {
    return createStoreTasks(container, network, { ...order, destination: { ...order.destination, pickup_node_id: null } }, decisionId, allocations)
  }
  const lines = linesOf(pickupTask)
  for (const a of allocations) {
    lines.push({
      line_item_id: a.line_id,
      title: order.item_info[a.line_id]?.title ?? a.line_id,
      sku: order.item_info[a.line_id]?.sku ?? null,
      inventory_item_id: a.inventory_item_id,
      quantity: a.quantity,
      picked: 0,
      short: 0,
      from_node_id: a.node_id === pickupNode ? null : a.node_id,
      from_node_name:
        a.node_id === pickupNode
          ? null
          : (network.storeByLocation.get(a.node_id)?.name ?? network.locations.find((l: any) => l.id === a.node_id)?.name ?? a.node_id),
      ...(a.node_id === pickupNode ? {} : { received: 0, missing: 0 }),
    })
  }
  await pos.updatePosStoreTasks({ id: pickupTask.id, lines: asJson(lines) })
  const elsewhere = allocations.filter((a) => a.node_id !== pickupNode)
  return createStoreTasks(
    container,
    network,
    { ...order, destination: { ...order.destination, pickup_node_id: null } },
    decisionId,
    elsewhere
  ).then(async (created) => {
    for (const t of created) {
      await pos.updatePosStoreTasks({ id: t.id, note: `Transfer to ${network.storeByLocation.get(pickupNode)?.name} for the customer's pickup` })
    }
    return created
  })
}

/** Orders (or re-routed units) that found no stock are routed again: the scheduled job runs this. */
export async function retryUnroutable(container: Container) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const recent = (await pos.listPosRoutingDecisions({}, { order: { created_at: "DESC" }, take: 1000 })) as any[]
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
      ? await routeRemainder(container, decision.order_id, decision.remainder, decision.rerouted_from_task_id, { retry: true })
      : await routeOnlineOrder(container, decision.order_id, { retry: true })
    if (record?.status === RoutingDecisionStatus.ROUTED) {
      retried.push(decision.order_id)
    }
  }
  return retried
}
