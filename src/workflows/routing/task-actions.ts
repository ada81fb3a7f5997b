import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import {
  cancelOrderWorkflow,
  createOrderFulfillmentWorkflow,
  createOrderShipmentWorkflow,
  markOrderFulfillmentAsDeliveredWorkflow,
} from "@medusajs/medusa/core-flows"
import { createHmac, randomInt, timingSafeEqual } from "node:crypto"
import { perLine } from "../../lib/order-lines"
import { routeOrder, type Allocation } from "../../lib/routing"
import { POS_MODULE } from "../../modules/pos"
import { RoutingDecisionStatus } from "../../modules/pos/models/routing-decision"
import { StoreTaskKind, StoreTaskStatus } from "../../modules/pos/models/store-task"
import type PosModuleService from "../../modules/pos/service"
import { currentNodes, loadNetwork, loadOrderForRouting, routeOnlineOrder } from "./route-online-order"
import { createStoreTasks, type StoreTaskLine } from "./store-tasks"

type Container = { resolve: (key: string) => any }

const linesOf = (task: any) => [...((task.lines as unknown as StoreTaskLine[]) ?? [])]
const asJson = (lines: StoreTaskLine[]) => lines as unknown as Record<string, unknown>

async function loadTask(container: Container, taskId: string) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const [task] = await pos.listPosStoreTasks({ id: taskId })
  if (!task) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Task ${taskId} was not found`)
  }
  return task as any
}

function throwUnlessStatus(task: any, allowed: StoreTaskStatus[], doing: string) {
  if (!allowed.includes(task.status)) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Task ${task.id} is ${task.status}: it can be ${doing} only when ${allowed.join(" or ")}`
    )
  }
}

async function audit(container: Container, task: any, staffId: string | null, action: string, data: Record<string, unknown>) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  await pos.createPosAuditLogs({
    actor_type: staffId ? "staff" : "system",
    actor_id: staffId ?? "pos",
    store_id: task.store_id,
    action,
    resource_type: "order",
    resource_id: task.order_id,
    data: { task_id: task.id, ...data },
  })
}

const emit = (container: Container, name: string, data: Record<string, unknown>) =>
  container.resolve(Modules.EVENT_BUS).emit({ name, data })

/** The columns staff routes answer: the row without the pickup code's hash (nor deleted_at). */
export const STAFF_TASK_FIELDS = [
  "id",
  "store_id",
  "order_id",
  "decision_id",
  "location_id",
  "kind",
  "status",
  "lines",
  "note",
  "ready_at",
  "expires_at",
  "arrived_at",
  "arrival_note",
  "failed_check_ins",
  "collected_at",
  "shipped_at",
  "tracking_number",
  "fulfillment_id",
  "units",
  "created_at",
  "updated_at",
] as const

/** A task as staff see it: only STAFF_TASK_FIELDS, so a new column is not answered by accident. */
export function staffTask(task: any) {
  return Object.fromEntries(STAFF_TASK_FIELDS.filter((f) => f in task).map((f) => [f, task[f]]))
}

/**
 * A store's work queue: curbside arrivals first (the customer is waiting
 * outside), then pickups ready, then the rest oldest first.
 */
export async function listStoreTasks(container: Container, storeId: string, statuses?: string[]) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  // by default the work still to do; done tasks only when asked for by status
  const wanted = statuses?.length ? (statuses as StoreTaskStatus[]) : [StoreTaskStatus.OPEN, StoreTaskStatus.PICKED, StoreTaskStatus.READY]
  const tasks = (await pos.listPosStoreTasks(
    { store_id: storeId, status: wanted },
    { select: [...STAFF_TASK_FIELDS], order: { created_at: "ASC" }, take: 200 }
  )) as any[]
  const rank = (t: any) => (t.arrived_at && t.status === StoreTaskStatus.READY ? 0 : t.status === StoreTaskStatus.READY ? 1 : 2)
  return tasks.sort((a, b) => rank(a) - rank(b) || new Date(a.arrived_at ?? a.created_at).getTime() - new Date(b.arrived_at ?? b.created_at).getTime())
}

/**
 * Confirms a pick. Units not found or damaged (a short pick) are recorded as
 * an inventory discrepancy at this store, its stock level is lowered by them,
 * their reservation here is released, and they are routed again to other
 * nodes (a new decision with its trace, new tasks, `routing.rerouted`).
 */
export async function pickTask(
  container: Container,
  input: { task_id: string; staff_id: string; lines?: { line_item_id: string; picked: number }[]; reason?: string }
) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  return await container.resolve(Modules.LOCKING).execute(`pos:task:${input.task_id}`, async () => {
    const task = await loadTask(container, input.task_id)
    throwUnlessStatus(task, [StoreTaskStatus.OPEN], "picked")
    const lines = linesOf(task)
    const given = new Map((input.lines ?? []).map((l) => [l.line_item_id, l.picked]))
    for (const id of given.keys()) {
      if (!lines.some((l) => l.line_item_id === id && !l.from_node_id)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Line ${id} is not picked at this store for task ${task.id}`)
      }
    }
    const shorts: { line_item_id: string; inventory_item_id: string; quantity: number }[] = []
    for (const line of lines) {
      if (line.from_node_id) {
        continue
      }
      const picked = given.get(line.line_item_id) ?? line.quantity
      if (picked > line.quantity) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `${line.title}: ${picked} picked, but the task asks for ${line.quantity}`)
      }
      line.picked = picked
      line.short = line.quantity - picked
      if (line.short > 0) {
        shorts.push({ line_item_id: line.line_item_id, inventory_item_id: line.inventory_item_id, quantity: line.short })
      }
    }
    if (shorts.length && !input.reason) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "A short pick needs a reason (missing, damaged, …)")
    }
    const nothingHere = lines.every((l) => l.from_node_id || l.picked === 0)
    let updated = await pos.updatePosStoreTasks({
      id: task.id,
      lines: asJson(lines),
      status: nothingHere && task.kind === StoreTaskKind.SHIP ? StoreTaskStatus.CANCELED : StoreTaskStatus.PICKED,
      units: task.kind === StoreTaskKind.SHIP ? lines.reduce((s, l) => s + l.picked, 0) : 0,
    })
    await audit(container, task, input.staff_id, shorts.length ? "task.short_picked" : "task.picked", { lines, reason: input.reason ?? null })
    let reroute: any = null
    if (shorts.length) {
      await releaseShortStock(container, task, shorts, input.reason!)
      reroute = await routeRemainder(container, task.order_id, shorts, task.id)
      updated = await pos.retrievePosStoreTask(task.id)
    }
    return { task: updated, reroute }
  })
}

/** The short units leave this store: the reservation released, the level lowered, a discrepancy row each. */
async function releaseShortStock(
  container: Container,
  task: any,
  shorts: { line_item_id: string; inventory_item_id: string; quantity: number }[],
  reason: string
) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const inventory = container.resolve(Modules.INVENTORY)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  await container.resolve(Modules.LOCKING).execute([...new Set(shorts.map((s) => s.inventory_item_id))], async () => {
    for (const short of shorts) {
      const reservations = (await inventory.listReservationItems({
        line_item_id: short.line_item_id,
        inventory_item_id: short.inventory_item_id,
        location_id: task.location_id,
      })) as any[]
      let left = short.quantity
      for (const r of reservations) {
        const take = Math.min(left, MathBN.convert(r.quantity).toNumber())
        if (take <= 0) {
          break
        }
        const remaining = MathBN.convert(r.quantity).toNumber() - take
        if (remaining > 0) {
          await inventory.updateReservationItems({ id: r.id, quantity: remaining })
        } else {
          await inventory.deleteReservationItems([r.id])
        }
        left -= take
      }
      const [level] = await inventory.listInventoryLevels({ inventory_item_id: short.inventory_item_id, location_id: task.location_id })
      await inventory.adjustInventory(short.inventory_item_id, task.location_id, -short.quantity)
      const { data: variants } = await query.graph({
        entity: "inventory_item",
        fields: ["variants.id"],
        filters: { id: short.inventory_item_id },
      })
      await pos.createPosInventoryDiscrepancies({
        store_id: task.store_id,
        location_id: task.location_id,
        inventory_item_id: short.inventory_item_id,
        variant_id: (variants[0] as any)?.variants?.[0]?.id ?? "",
        sale_id: null,
        task_id: task.id,
        reason,
        available_before: level ? MathBN.convert(level.stocked_quantity).toNumber() - MathBN.convert(level.reserved_quantity).toNumber() : 0,
        quantity_added: -short.quantity,
      })
    }
  })
}

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
      from_node_name: a.node_id === pickupNode ? null : (network.storeByLocation.get(a.node_id)?.name ?? a.node_id),
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

/**
 * Ships a picked ship task: Medusa's fulfillment at this store's stock
 * location (the reservation is consumed, stock falls here) with the
 * tracking number as its label, marked shipped.
 */
export async function shipTask(container: Container, input: { task_id: string; staff_id: string; tracking_number: string; tracking_url?: string }) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  return await container.resolve(Modules.LOCKING).execute(`pos:task:${input.task_id}`, async () => {
    const task = await loadTask(container, input.task_id)
    if (task.kind !== StoreTaskKind.SHIP) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Task ${task.id} is a pickup: it is handed over, not shipped`)
    }
    throwUnlessStatus(task, [StoreTaskStatus.PICKED], "shipped")
    const items = perLine(linesOf(task).filter((l) => l.picked > 0).map((l) => ({ line_item_id: l.line_item_id, quantity: l.picked })))
    const labels = [{ tracking_number: input.tracking_number, tracking_url: input.tracking_url ?? "", label_url: "" }]
    const { result: fulfillment } = await createOrderFulfillmentWorkflow(container as any).run({
      input: { order_id: task.order_id, location_id: task.location_id, items, labels, created_by: input.staff_id },
    })
    await createOrderShipmentWorkflow(container as any).run({
      input: { order_id: task.order_id, fulfillment_id: fulfillment.id, items, labels, created_by: input.staff_id },
    })
    const updated = await pos.updatePosStoreTasks({
      id: task.id,
      status: StoreTaskStatus.SHIPPED,
      tracking_number: input.tracking_number,
      fulfillment_id: fulfillment.id,
      shipped_at: new Date(),
    })
    await audit(container, task, input.staff_id, "task.shipped", { fulfillment_id: fulfillment.id, tracking_number: input.tracking_number })
    await emit(container, "pos.task.shipped", { id: task.id, order_id: task.order_id, store_id: task.store_id, fulfillment_id: fulfillment.id })
    return updated
  })
}

const newPickupCode = () => String(randomInt(0, 1_000_000)).padStart(6, "0")

/**
 * Only a keyed hash of a pickup code is stored. A 6-digit code has a million
 * values: a plain SHA-256 of it is reversed by hashing them all in a second,
 * so the hash is an HMAC whose key derives from the app's cookie secret
 * (Medusa requires one in production), bound to the task. Changing the secret
 * voids the codes out there: mark those pickups ready again.
 */
function pickupCodeHash(container: Container, taskId: string, code: string) {
  const secret = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)?.projectConfig?.http?.cookieSecret ?? process.env.COOKIE_SECRET
  if (!secret) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Pickup codes need the app's cookie secret (http.cookieSecret or COOKIE_SECRET)")
  }
  if (secret === "supersecret") {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn("Pickup codes are hashed with the well-known cookie secret 'supersecret': set COOKIE_SECRET, or anyone with the table can reverse them")
  }
  const key = createHmac("sha256", String(secret)).update("medusa-omnichannel-pos:pickup-code").digest()
  return createHmac("sha256", key).update(`${taskId}:${code}`).digest("hex")
}

function codeMatches(container: Container, task: any, code: string) {
  if (!task.pickup_code_hash) {
    return false
  }
  const expected = Buffer.from(String(task.pickup_code_hash), "hex")
  const given = Buffer.from(pickupCodeHash(container, task.id, String(code)), "hex")
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/**
 * A picked pickup order is packed and waits for the customer: a pickup code,
 * the hold's expiry (the store's hold period), and the customer notified
 * (channel "email", template "pos-pickup-ready"). Transfers from other
 * stores must have been sent first. Only the code's hash is kept: the
 * customer's message is the one place the code is shown; the answer to staff
 * carries neither, only whether the message went out (if not, the failure is
 * logged and nobody has the code: fix the provider and make it ready again).
 * A pickup already ready gets a new code (lost message, locked check-in, or
 * made ready before codes were hashed): the old code stops working, the
 * wrong-code counter restarts, the hold keeps its expiry.
 */
export async function markPickupReady(container: Container, input: { task_id: string; staff_id: string }) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const code = newPickupCode()
  const issuedAt = new Date()
  const { task, reissued } = await container.resolve(Modules.LOCKING).execute(`pos:task:${input.task_id}`, async () => {
    const task = await loadTask(container, input.task_id)
    if (task.kind !== StoreTaskKind.PICKUP) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Task ${task.id} ships to the customer: only pickups are made ready`)
    }
    const pickup_code_hash = pickupCodeHash(container, task.id, code)
    if (task.status === StoreTaskStatus.READY) {
      return { task: await pos.updatePosStoreTasks({ id: task.id, pickup_code_hash, failed_check_ins: 0 }), reissued: true }
    }
    throwUnlessStatus(task, [StoreTaskStatus.PICKED, StoreTaskStatus.READY], "made ready")
    const waiting = ((await pos.listPosStoreTasks({ order_id: task.order_id, kind: StoreTaskKind.SHIP })) as any[]).filter(
      (t) => ![StoreTaskStatus.SHIPPED, StoreTaskStatus.CANCELED].includes(t.status)
    )
    if (waiting.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Order ${task.order_id} still waits for a transfer from another store (task ${waiting.map((t) => t.id).join(", ")})`
      )
    }
    const store = await pos.retrievePosStore(task.store_id, { select: ["id", "name", "pickup_hold_hours"] })
    const updated = await pos.updatePosStoreTasks({
      id: task.id,
      status: StoreTaskStatus.READY,
      pickup_code_hash,
      failed_check_ins: 0,
      ready_at: issuedAt,
      expires_at: new Date(issuedAt.getTime() + (store.pickup_hold_hours ?? 72) * 3_600_000),
    })
    return { task: updated, reissued: false }
  })
  await audit(container, task, input.staff_id, reissued ? "pickup.code_reissued" : "pickup.ready", { expires_at: task.expires_at })
  const customer_notified = await notifyPickupReady(container, task, code, issuedAt)
  if (!reissued) {
    await emit(container, "pickup.ready", { id: task.id, order_id: task.order_id, store_id: task.store_id })
  }
  return { task, customer_notified }
}

/** The customer's "ready" message, the only place the pickup code is shown. Answers whether it was sent. */
async function notifyPickupReady(container: Container, task: any, code: string, issuedAt: Date) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const { data } = await query.graph({ entity: "order", fields: ["id", "display_id", "email"], filters: { id: task.order_id } })
  const order = data[0] as any
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  if (!order?.email) {
    logger.warn(`Order ${task.order_id} has no email: nobody got the code of pickup task ${task.id}`)
    return false
  }
  const store = await pos.retrievePosStore(task.store_id)
  try {
    await container.resolve(Modules.NOTIFICATION).createNotifications({
      to: order.email,
      channel: "email",
      template: "pos-pickup-ready",
      resource_id: order.id,
      resource_type: "order",
      // one message per code issued: a new code is a new message
      idempotency_key: `pos-pickup-ready-${task.id}-${issuedAt.getTime()}`,
      data: {
        order_id: order.id,
        display_id: order.display_id,
        pickup_code: code,
        expires_at: task.expires_at,
        store: { name: store.name, address_1: store.address_1, city: store.city, postal_code: store.postal_code, phone: store.phone },
        curbside: !!(store.capabilities as any)?.curbside,
      },
    })
    return true
  } catch (error: any) {
    logger.warn(`Could not notify order ${order.id} of its pickup: ${error?.message ?? error}`)
    return false
  }
}

/**
 * Hands a ready pickup over against its code: the lines from this store's
 * shelf fulfilled here, every fulfillment of the order marked delivered.
 */
export async function collectPickup(container: Container, input: { task_id: string; staff_id: string; pickup_code: string }) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  return await container.resolve(Modules.LOCKING).execute(`pos:task:${input.task_id}`, async () => {
    const task = await loadTask(container, input.task_id)
    if (task.status === StoreTaskStatus.COLLECTED) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Order ${task.order_id} was already collected at ${new Date(task.collected_at).toISOString()}`)
    }
    throwUnlessStatus(task, [StoreTaskStatus.READY], "collected")
    if (!task.pickup_code_hash) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Task ${task.id} has no pickup code (it was made ready before codes were stored hashed): mark it ready again to send the customer a new code`
      )
    }
    // staff are signed in and this is the fallback when check-in is locked: not limited, but each wrong code is audited
    if (!codeMatches(container, task, input.pickup_code)) {
      await audit(container, task, input.staff_id, "pickup.code_refused", {})
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Pickup code ${input.pickup_code} is not the code of this order's pickup`)
    }
    const items = perLine(
      linesOf(task)
        .filter((l) => !l.from_node_id && l.picked > 0)
        .map((l) => ({ line_item_id: l.line_item_id, quantity: l.picked }))
    )
    let fulfillmentId: string | null = null
    if (items.length) {
      const { result } = await createOrderFulfillmentWorkflow(container as any).run({
        input: { order_id: task.order_id, location_id: task.location_id, items, created_by: input.staff_id },
      })
      fulfillmentId = result.id
    }
    const { data } = await query.graph({
      entity: "order",
      fields: ["fulfillments.id", "fulfillments.delivered_at", "fulfillments.canceled_at"],
      filters: { id: task.order_id },
    })
    for (const f of ((data[0] as any)?.fulfillments ?? []) as any[]) {
      if (f && !f.delivered_at && !f.canceled_at) {
        await markOrderFulfillmentAsDeliveredWorkflow(container as any).run({ input: { orderId: task.order_id, fulfillmentId: f.id } })
      }
    }
    const updated = await pos.updatePosStoreTasks({
      id: task.id,
      status: StoreTaskStatus.COLLECTED,
      collected_at: new Date(),
      fulfillment_id: fulfillmentId,
    })
    await audit(container, task, input.staff_id, "pickup.collected", { fulfillment_id: fulfillmentId })
    await emit(container, "pickup.collected", { id: task.id, order_id: task.order_id, store_id: task.store_id })
    return updated
  })
}

/** Wrong codes the public check-in takes for one pickup before it refuses them all (a 6-digit code is guessable otherwise). */
const MAX_CHECK_IN_ATTEMPTS = 5

/**
 * Curbside: the customer says they are outside (with the pickup code); the
 * store's queue shows them first. Each attempt takes a slot of the
 * wrong-code counter atomically *before* the code is compared, so a burst of
 * parallel requests compares at most MAX_CHECK_IN_ATTEMPTS wrong codes; a
 * right code gives its slot back. The counter counts at every store, also
 * one without curbside (checked after the code), so no store is a free oracle.
 */
export async function pickupArrival(container: Container, input: { order_id: string; pickup_code: string; note?: string }) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const tasks = (await pos.listPosStoreTasks({ order_id: input.order_id, kind: StoreTaskKind.PICKUP })) as any[]
  if (!tasks.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${input.order_id} is not a pickup order`)
  }
  const task = tasks.find((t) => t.status === StoreTaskStatus.READY)
  if (!task) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Order ${input.order_id} is not waiting for pickup (${tasks.map((t) => t.status).join(", ")}): check in once you got the "ready" message`
    )
  }
  const attempts = await pos.incrementFailedCheckIns(task.id, { max: MAX_CHECK_IN_ATTEMPTS })
  if (attempts === null) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Too many wrong pickup codes for order ${input.order_id}: please come to the counter`
    )
  }
  if (!codeMatches(container, task, input.pickup_code)) {
    const left = MAX_CHECK_IN_ATTEMPTS - attempts
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Pickup code ${input.pickup_code} is not the code of this order's pickup (${
        left ? `${left} ${left === 1 ? "try" : "tries"} left` : "no tries left: please come to the counter"
      })`
    )
  }
  await pos.incrementFailedCheckIns(task.id, { by: -1 })
  const store = await pos.retrievePosStore(task.store_id)
  if (!(store.capabilities as any)?.curbside) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `${store.name} does not offer curbside pickup: please come to the counter`)
  }
  const updated = await pos.updatePosStoreTasks({ id: task.id, arrived_at: new Date(), arrival_note: input.note ?? null })
  await audit(container, task, null, "pickup.arrived", { note: input.note ?? null })
  await emit(container, "pickup.arrived", { id: task.id, order_id: task.order_id, store_id: task.store_id })
  return { task: updated, store: { name: store.name } }
}

/**
 * The scheduled job's work: pickups ready and not collected by their expiry
 * are released (the order's reservations freed); with `pickup.on_expiry:
 * "cancel"` (the default) the order is canceled with Medusa's cancel flow,
 * which refunds what was captured. Each emits `pickup.expired`.
 */
export async function expirePickupHolds(container: Container, now = new Date()) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const due = (await pos.listPosStoreTasks({ kind: StoreTaskKind.PICKUP, status: StoreTaskStatus.READY, expires_at: { $lt: now } })) as any[]
  const expired: string[] = []
  for (const task of due) {
    try {
      await expireOne(container, task)
      expired.push(task.id)
    } catch (error: any) {
      // one hold that cannot be released (e.g. part of the order was already fulfilled) does not stop the others
      container.resolve(ContainerRegistrationKeys.LOGGER).warn(`Could not expire pickup task ${task.id}: ${error?.message ?? error}`)
    }
  }
  return expired
}

async function expireOne(container: Container, task: any) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const inventory = container.resolve(Modules.INVENTORY)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id", "status", "items.id"], filters: { id: task.order_id } })
  const order = data[0] as any
  const cancel = pos.settings.pickup.on_expiry === "cancel"
  if (cancel && order && order.status !== "canceled") {
    await cancelOrderWorkflow(container as any).run({ input: { order_id: task.order_id, canceled_by: "pos-pickup-expiry" } as any })
  }
  // the cancel flow frees reservations; releasing the order's holds covers "release" and anything left
  const itemIds = ((order?.items ?? []) as any[]).map((i) => i.id)
  const left = itemIds.length ? ((await inventory.listReservationItems({ line_item_id: itemIds })) as any[]) : []
  if (left.length) {
    await inventory.deleteReservationItems(left.map((r) => r.id))
  }
  await pos.updatePosStoreTasks({ id: task.id, status: StoreTaskStatus.EXPIRED })
  await audit(container, task, null, "pickup.expired", { canceled: cancel, released: left.length })
  await emit(container, "pickup.expired", { id: task.id, order_id: task.order_id, store_id: task.store_id })
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
