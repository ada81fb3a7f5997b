import { Modules } from "@medusajs/framework/utils"
import type { Allocation } from "../../../lib/routing"
import { POS_MODULE } from "../../../modules/pos"
import { StoreTaskKind } from "../../../modules/pos/models/store-task"
import type PosModuleService from "../../../modules/pos/service"
import { nodeName, type OrderForRouting, type RoutingNetwork } from "./network"

type Container = { resolve: (key: string) => any }

export type StoreTaskLine = {
  line_item_id: string
  title: string
  sku: string | null
  inventory_item_id: string
  quantity: number
  picked: number
  short: number
  /** where the unit comes from when not from this store's shelf (a transfer for a pickup) */
  from_node_id: string | null
  from_node_name: string | null
  /** of a transfer line: units scanned in at this store (ready waits until all arrived) */
  received?: number
  /** of a transfer line: units the last receipt found missing (sent, not arrived) */
  missing?: number
}

/**
 * The work a routing decision gives the stores: a ship task for each store
 * that ships part of the order; for a pickup order, one pickup task at the
 * pickup store listing every line (lines coming from another node are marked
 * as transfers, and that node, when it is a store, gets a ship task to send
 * them over). Warehouses get no task: they fulfil in Medusa's dashboard.
 * Pure: the rows to create.
 */
export function planStoreTasks(
  network: RoutingNetwork,
  input: Pick<OrderForRouting, "order_id" | "destination" | "item_info">,
  decisionId: string | null,
  allocations: Allocation[]
) {
  const pickupNode = input.destination.pickup_node_id ?? null
  const byNode = new Map<string, Allocation[]>()
  for (const a of allocations) {
    byNode.set(a.node_id, [...(byNode.get(a.node_id) ?? []), a])
  }
  const tasks: Record<string, unknown>[] = []
  const pickupStore = pickupNode ? network.storeByLocation.get(pickupNode) : null
  if (pickupStore) {
    const transfers = allocations.filter((a) => a.node_id !== pickupNode)
    const sources = [...new Set(transfers.map((a) => nodeName(network, a.node_id)))]
    tasks.push({
      store_id: pickupStore.id,
      order_id: input.order_id,
      decision_id: decisionId,
      location_id: pickupNode,
      kind: StoreTaskKind.PICKUP,
      lines: allocations.map((a) => taskLineOf(network, input.item_info, a, pickupNode)),
      note: transfers.length
        ? `${transfers.reduce((s, a) => s + a.quantity, 0)} unit(s) come from ${sources.join(", ")} (transfer to this store)`
        : null,
      units: 0,
    })
  }
  for (const [nodeId, list] of byNode) {
    const store = network.storeByLocation.get(nodeId)
    if (!store || nodeId === pickupNode) {
      continue
    }
    tasks.push({
      store_id: store.id,
      order_id: input.order_id,
      decision_id: decisionId,
      location_id: nodeId,
      kind: StoreTaskKind.SHIP,
      lines: list.map((a) => taskLineOf(network, input.item_info, a, null)),
      note: pickupStore ? `Transfer to ${pickupStore.name} for the customer's pickup` : null,
      units: list.reduce((sum, a) => sum + a.quantity, 0),
    })
  }
  return tasks
}

/**
 * A task's line for an allocation: from this store's shelf when the node is the task's own
 * (`pickupNode` for a pickup task, null for a ship task), else a transfer from that node.
 */
export function taskLineOf(
  network: RoutingNetwork,
  itemInfo: Record<string, { title: string; sku: string | null }>,
  a: Allocation,
  pickupNode: string | null
): StoreTaskLine {
  const lineItemId = a.line_id.split("#")[0]
  const fromNode = pickupNode && a.node_id !== pickupNode ? a.node_id : null
  return {
    line_item_id: lineItemId,
    title: itemInfo[lineItemId]?.title ?? lineItemId,
    sku: itemInfo[lineItemId]?.sku ?? null,
    inventory_item_id: a.inventory_item_id,
    quantity: a.quantity,
    picked: 0,
    short: 0,
    from_node_id: fromNode,
    from_node_name: fromNode ? nodeName(network, fromNode) : null,
    ...(fromNode ? { received: 0, missing: 0 } : {}),
  }
}

/** The `pos.task.created` events of created tasks. */
export const taskCreatedEvents = (created: any[]) =>
  created.map((t: any) => ({ id: t.id, store_id: t.store_id, order_id: t.order_id, kind: t.kind }))

/** Creates the tasks a decision gives the stores (planStoreTasks) and emits `pos.task.created` for each. */
export async function createStoreTasks(
  container: Container,
  network: RoutingNetwork,
  input: Pick<OrderForRouting, "order_id" | "destination" | "item_info">,
  decisionId: string | null,
  allocations: Allocation[]
) {
  const tasks = planStoreTasks(network, input, decisionId, allocations)
  if (!tasks.length) {
    return []
  }
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const created = (await pos.createPosStoreTasks(tasks as any)) as unknown as any[]
  await container.resolve(Modules.EVENT_BUS).emit(taskCreatedEvents(created).map((data) => ({ name: "pos.task.created", data })))
  return created
}
