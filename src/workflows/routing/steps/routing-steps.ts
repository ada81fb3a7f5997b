import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { updateOrderWorkflow } from "@medusajs/medusa/core-flows"
import { routeOrder, type Allocation, type RoutingDecision } from "../../../lib/routing"
import { POS_MODULE } from "../../../modules/pos"
import { RoutingDecisionStatus } from "../../../modules/pos/models/routing-decision"
import { StoreTaskKind, StoreTaskStatus } from "../../../modules/pos/models/store-task"
import type PosModuleService from "../../../modules/pos/service"
import { asJson, linesOf } from "../../store-tasks/utils/tasks"
import { currentNodes, loadNetwork, loadOrderForRouting, nodeName, pickupClosedReason } from "../utils/network"
import { planStoreTasks, taskCreatedEvents, taskLineOf } from "../utils/store-tasks"

type Container = { resolve: (key: string) => any }

/** how often an order is decided again when a chosen node lost the stock to another order meanwhile */
const MAX_ATTEMPTS = 3

/** A reservation as it was, to be put back. */
type HeldReservation = { line_item_id: string; inventory_item_id: string; location_id: string; quantity: number; allow_backorder?: boolean }

/** What a routing step moved: the reservations it removed, and those it made. */
type Moved = {
  item_ids: string[]
  removed: HeldReservation[]
  created: string[]
  /** reservations that grew (the line's reservation at that node), with the quantity they had */
  grown?: { id: string; quantity: number }[]
}

/** The decision row to store (without its id). */
export type DecisionRow = {
  order_id: string
  status: RoutingDecisionStatus
  rule_set_version: string
  shipments: number
  allocations: Record<string, unknown>
  trace: Record<string, unknown>
  reason: string | null
  rerouted_from_task_id?: string | null
  remainder?: Record<string, unknown> | null
}

const latestDecision = async (pos: PosModuleService, orderId: string) =>
  ((await pos.listPosRoutingDecisions({ order_id: orderId }, { select: ["id", "status", "remainder"], order: { created_at: "DESC", id: "DESC" }, take: 1 })) as any[])[0] ?? null

/** Puts back what a routing step moved, under the items' locks: its reservations removed, the earlier ones taken again. */
async function undoMoved(container: Container, moved: Moved | null | undefined) {
  if (!moved || (!moved.created.length && !moved.removed.length && !moved.grown?.length)) {
    return
  }
  const inventory = container.resolve(Modules.INVENTORY)
  await container.resolve(Modules.LOCKING).execute(moved.item_ids, async () => {
    const still = moved.created.length ? ((await inventory.listReservationItems({ id: moved.created }, { select: ["id"] })) as any[]) : []
    await undoMovedHere(inventory, { ...moved, created: still.map((r) => r.id as string) })
    if (moved.removed.length) {
      // what was held before is held again, even if another order took the units meanwhile
      await inventory.createReservationItems(moved.removed.map((r) => ({ ...r, allow_backorder: true })))
    }
  })
}

export type OnlineRoutingPlan = {
  /** null: nothing to store (a till's order, routed already, or a retry that still finds nothing) */
  decision: DecisionRow | null
  /** the tasks the decision gives the stores, without the decision's id */
  tasks: Record<string, unknown>[]
  /** a pickup order's store, whose address the order takes */
  pickup_store_id: string | null
  /** why nothing was stored, when it was not */
  skipped: string | null
}

/**
 * Decides where an online order is sent, with the routing engine and the merchant's rule set,
 * and moves the order's reservations there under the inventory items' locks. Medusa reserved
 * each line at the first location of the order's sales channel that had it: those reservations
 * are released and taken again where the engine said; if a node no longer has the stock
 * (another order got it first), they are put back and the order is decided again on fresh
 * stock, up to three times, then it is unroutable with the reason. An order is routed once:
 * an order that has a decision is skipped, and a retry routes only an order whose latest
 * decision is still unroutable. Compensation puts the reservations back as they were.
 */
export const decideOnlineRoutingStep = createStep(
  "decide-pos-online-routing",
  async (input: { order_id: string; retry?: boolean }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const skip = (why: string) => new StepResponse<OnlineRoutingPlan, Moved | null>({ decision: null, tasks: [], pickup_store_id: null, skipped: why })
    // a till's order (every counter sale places one) is not routed: told apart before the network is read
    const [head] = await container.resolve(Modules.ORDER).listOrders({ id: input.order_id }, { select: ["id", "status", "metadata"] })
    if (!head || (head.metadata as Record<string, unknown> | null)?.pos_store_id || head.status === "canceled") {
      return skip("not an online order to route")
    }
    const latest = await latestDecision(pos, input.order_id)
    if (input.retry ? !latest || latest.status !== RoutingDecisionStatus.UNROUTABLE || latest.remainder : latest) {
      return skip(input.retry ? "its latest decision is not an unroutable order" : "routed already")
    }
    const network = await loadNetwork(container)
    const order = await loadOrderForRouting(container, network, input.order_id)
    if (!order) {
      return skip("no managed stock to route")
    }
    const ruleSet = await pos.routingRuleSet()
    let decision!: RoutingDecision
    let lastFailure = ""
    let moved: Moved | null = null
    const closed = pickupClosedReason(network, order.destination.pickup_node_id)
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && !closed; attempt++) {
      const { nodes, own } = await currentNodes(container, network, order)
      decision = routeOrder({ lines: order.engine_lines, destination: order.destination }, nodes, ruleSet)
      if (decision.status !== "routed") {
        break
      }
      const result = await moveReservations(container, order.lines, own, decision)
      if (result.ok) {
        moved = result.moved
        lastFailure = ""
        break
      }
      lastFailure = result.reason
    }
    if (closed) {
      // a cart that chose the option before the switch went off: nothing is sent to a closed door
      decision = {
        status: "unroutable",
        reason: closed,
        allocations: [],
        shipments: 0,
        trace: { rule_set_version: ruleSet.version, candidates: [], skipped_without_stock: 0, steps: [], ranking: [], method: "none", winners: [] },
      }
    }
    if (lastFailure) {
      decision = {
        status: "unroutable",
        reason: `The chosen nodes kept losing the stock to other orders while reserving (${lastFailure}); the order keeps its reservations and will be routed again`,
        allocations: [],
        shipments: 0,
        trace: decision.trace,
      }
    }
    if (input.retry && decision.status !== "routed") {
      // a retry that still finds nothing adds no row: the first decision already says why
      return skip("still unroutable")
    }
    const allocations = decision.allocations.map((a) => ({ ...a, line_id: a.line_id.split("#")[0] }))
    const plan: OnlineRoutingPlan = {
      decision: {
        order_id: input.order_id,
        status: decision.status === "routed" ? RoutingDecisionStatus.ROUTED : RoutingDecisionStatus.UNROUTABLE,
        rule_set_version: decision.trace.rule_set_version,
        shipments: decision.shipments,
        allocations: allocations as unknown as Record<string, unknown>,
        trace: decision.trace as unknown as Record<string, unknown>,
        reason: decision.status === "unroutable" ? decision.reason : null,
      },
      tasks: decision.status === "routed" ? planStoreTasks(network, order, null, allocations) : [],
      pickup_store_id: order.destination.pickup_node_id ? (network.storeByLocation.get(order.destination.pickup_node_id)?.id ?? null) : null,
      skipped: null,
    }
    return new StepResponse(plan, moved)
  },
  async (moved, { container }) => {
    await undoMoved(container, moved)
  }
)

/** Releases the order's reservations and takes them again at the chosen nodes, all under the items' locks. */
async function moveReservations(
  container: Container,
  lines: { line_id: string; inventory_item_id: string; quantity: number }[],
  own: any[],
  decision: Extract<RoutingDecision, { status: "routed" }>
): Promise<{ ok: true; moved: Moved } | { ok: false; reason: string }> {
  const inventory = container.resolve(Modules.INVENTORY)
  const locking = container.resolve(Modules.LOCKING)
  const keys = [...new Set(lines.map((l) => l.inventory_item_id))]
  return await locking.execute(keys, async () => {
    // the order's reservations as they are now: if they changed since the decision, decide again rather than move stale ones
    const lineIds = [...new Set(own.map((r) => r.line_item_id as string))]
    const current = lineIds.length ? ((await inventory.listReservationItems({ line_item_id: lineIds })) as any[]) : []
    const ids = (rows: any[]) => rows.map((r) => r.id).sort().join(",")
    if (ids(current) !== ids(own)) {
      return { ok: false as const, reason: "the order's reservations changed meanwhile" }
    }
    const wanted = decision.allocations.map((a) => ({
      line_item_id: a.line_id.split("#")[0],
      inventory_item_id: a.inventory_item_id,
      location_id: a.node_id,
      quantity: a.quantity,
    }))
    const same =
      own.length === wanted.length &&
      wanted.every((w) =>
        own.some(
          (r) =>
            r.line_item_id === w.line_item_id &&
            r.location_id === w.location_id &&
            r.inventory_item_id === w.inventory_item_id &&
            MathBN.eq(r.quantity, w.quantity)
        )
      )
    if (same) {
      return { ok: true as const, moved: { item_ids: keys, removed: [], created: [] } }
    }
    const previous: HeldReservation[] = own.map((r) => ({
      line_item_id: r.line_item_id,
      inventory_item_id: r.inventory_item_id,
      location_id: r.location_id,
      quantity: MathBN.convert(r.quantity).toNumber(),
      allow_backorder: r.allow_backorder,
    }))
    if (own.length) {
      await inventory.deleteReservationItems(own.map((r) => r.id))
    }
    try {
      const created = (await inventory.createReservationItems(wanted.map((w) => ({ ...w, description: "Routed by medusa-omnichannel-pos" })))) as any[]
      return { ok: true as const, moved: { item_ids: keys, removed: previous, created: created.map((r) => r.id as string) } }
    } catch (error: any) {
      // put back exactly what was there: never half-reserved
      if (previous.length) {
        await inventory.createReservationItems(previous.map((p) => ({ ...p, allow_backorder: true })))
      }
      return { ok: false as const, reason: error?.message ?? String(error) }
    }
  })
}

/** Stores a routing decision with its trace; compensation deletes it. Nothing to store: null. */
export const createRoutingDecisionStep = createStep(
  "create-pos-routing-decision",
  async (row: DecisionRow | null, { container }) => {
    if (!row) {
      return new StepResponse(null as any, null as string | null)
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const record = (await pos.createPosRoutingDecisions(row as any)) as any
    return new StepResponse(record, record.id as string)
  },
  async (id, { container }) => {
    if (id) {
      await (container.resolve(POS_MODULE) as PosModuleService).deletePosRoutingDecisions(id)
    }
  }
)

/** Creates a decision's store tasks (with the decision's id); compensation deletes them. Answers their `pos.task.created` events. */
export const createRoutingTasksStep = createStep(
  "create-pos-routing-tasks",
  async (input: { tasks: Record<string, unknown>[]; decision_id: string | null }, { container }) => {
    if (!input.tasks.length) {
      return new StepResponse([] as ReturnType<typeof taskCreatedEvents>, [] as string[])
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const created = (await pos.createPosStoreTasks(input.tasks.map((t) => ({ ...t, decision_id: input.decision_id })) as any)) as unknown as any[]
    return new StepResponse(taskCreatedEvents(created), created.map((t) => t.id as string))
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await (container.resolve(POS_MODULE) as PosModuleService).deletePosStoreTasks(ids)
    }
  }
)

/**
 * A pickup order's address is the pickup store's own: whatever the cart said, the order is set to
 * the store's address (name and phone kept) by Medusa's updateOrderWorkflow, so nothing ships
 * anywhere else. A failure is logged: the routing stands.
 */
export const pinPickupAddressStep = createStep(
  "pin-pos-pickup-address",
  async (input: { order_id: string; store_id: string | null }, { container }) => {
    if (!input.store_id) {
      return new StepResponse(null)
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    try {
      const full = await pos.retrievePosStore(input.store_id)
      await updateOrderWorkflow(container as any).run({
        input: {
          id: input.order_id,
          user_id: "pos-routing",
          shipping_address: {
            company: full.name,
            address_1: full.address_1 ?? "",
            address_2: full.address_2 ?? "",
            city: full.city ?? "",
            province: full.province ?? "",
            postal_code: full.postal_code ?? "",
            country_code: full.country_code ?? undefined,
            metadata: { pos_pickup_store_id: full.id, latitude: full.latitude, longitude: full.longitude },
          },
        },
      })
    } catch (error: any) {
      container.resolve(ContainerRegistrationKeys.LOGGER).warn(`Could not set order ${input.order_id}'s address to its pickup store: ${error?.message ?? error}`)
    }
    return new StepResponse(null)
  }
)

export type RerouteInput = {
  order_id: string
  remainder: { line_item_id: string; inventory_item_id: string; quantity: number }[]
  /** the task whose short pick left these units (null: an order's retry) */
  from_task_id: string | null
  /** the scheduled job's retry of this unroutable decision: only while it is still the order's latest */
  retry_of?: string | null
  /** tasks whose locks the caller holds (a short pick's own task, and the order's pickup task): not locked again */
  locked_task_ids?: string[] | null
}

export type ReroutePlan = {
  decision: DecisionRow | null
  /** the routed allocations (order line ids), placed by placeReroutedStep */
  allocations: Allocation[]
  pickup_node_id: string | null
  item_info: Record<string, { title: string; sku: string | null }>
  skipped: string | null
}

/**
 * Decides where units not placed anywhere go (after a short pick, or a retry of units that
 * found no stock): the engine over fresh stock, then reservations at the chosen nodes under the
 * items' locks. Unroutable keeps the units to place for the next retry. Compensation removes
 * the reservations it made.
 */
export const decideRerouteStep = createStep(
  "decide-pos-reroute",
  async (input: RerouteInput, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const skip = (why: string) =>
      new StepResponse<ReroutePlan, Moved | null>({ decision: null, allocations: [], pickup_node_id: null, item_info: {}, skipped: why })
    if (input.retry_of) {
      const latest = await latestDecision(pos, input.order_id)
      if (latest?.id !== input.retry_of || latest.status !== RoutingDecisionStatus.UNROUTABLE) {
        return skip("the decision retried is not the order's latest unroutable one any more")
      }
    }
    const network = await loadNetwork(container)
    const order = await loadOrderForRouting(container, network, input.order_id)
    if (!order) {
      return skip("not an online order to route")
    }
    const lines = input.remainder.map((r, i) => ({ line_id: `${r.line_item_id}#r${i}`, inventory_item_id: r.inventory_item_id, quantity: r.quantity }))
    const { nodes } = await currentNodes(container, network, { lines, item_ids: [] })
    const decision = routeOrder({ lines, destination: order.destination }, nodes, await pos.routingRuleSet())
    let reason = decision.status === "unroutable" ? decision.reason : null
    let moved: Moved | null = null
    if (decision.status === "routed") {
      const keys = [...new Set(lines.map((l) => l.inventory_item_id))]
      try {
        moved = await container.resolve(Modules.LOCKING).execute(keys, () =>
          reserveForLines(
            container,
            keys,
            decision.allocations.map((a) => ({ line_item_id: a.line_id.split("#")[0], inventory_item_id: a.inventory_item_id, location_id: a.node_id, quantity: a.quantity }))
          )
        )
      } catch (error: any) {
        reason = `The chosen node lost the stock while reserving (${error?.message ?? error}); the units will be routed again`
      }
    }
    const routed = decision.status === "routed" && !reason
    if (input.retry_of && !routed) {
      return skip("still unroutable")
    }
    const allocations = routed ? decision.allocations.map((a) => ({ ...a, line_id: a.line_id.split("#")[0] })) : []
    return new StepResponse<ReroutePlan, Moved | null>(
      {
        decision: {
          order_id: input.order_id,
          status: routed ? RoutingDecisionStatus.ROUTED : RoutingDecisionStatus.UNROUTABLE,
          rule_set_version: decision.trace.rule_set_version,
          shipments: routed ? decision.shipments : 0,
          allocations: allocations as unknown as Record<string, unknown>,
          trace: decision.trace as unknown as Record<string, unknown>,
          reason,
          rerouted_from_task_id: input.from_task_id,
          remainder: input.remainder as unknown as Record<string, unknown>,
        },
        allocations,
        pickup_node_id: order.destination.pickup_node_id,
        item_info: order.item_info,
        skipped: null,
      },
      moved
    )
  },
  async (moved, { container }) => {
    await undoMoved(container, moved)
  }
)

/**
 * Reserves units for order lines, under the items' locks (the caller's): where a line already has
 * a reservation of that item at that node, it grows, since Medusa's fulfilment expects one
 * reservation per line, item and node (it checks the quantity against each, and takes it from
 * each); elsewhere a reservation is made. Refused whole, with what is left, when a node has too
 * few; what it did is taken back before it throws.
 */
async function reserveForLines(container: Container, itemIds: string[], wanted: HeldReservation[]): Promise<Moved> {
  const inventory = container.resolve(Modules.INVENTORY)
  const need = new Map<string, number>()
  for (const w of wanted) {
    const key = `${w.inventory_item_id}|${w.location_id}`
    need.set(key, (need.get(key) ?? 0) + w.quantity)
  }
  for (const [key, quantity] of need) {
    const [item, location] = key.split("|")
    const available = MathBN.convert(await inventory.retrieveAvailableQuantity(item, [location])).toNumber()
    if (available < quantity) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Only ${Math.max(0, available)} of inventory item ${item} left at location ${location}, ${quantity} needed`)
    }
  }
  const existing = (await inventory.listReservationItems({ line_item_id: [...new Set(wanted.map((w) => w.line_item_id))] })) as any[]
  const moved: Moved = { item_ids: itemIds, removed: [], created: [], grown: [] }
  try {
    for (const w of wanted) {
      const same = existing.find((r) => r.line_item_id === w.line_item_id && r.inventory_item_id === w.inventory_item_id && r.location_id === w.location_id)
      if (same) {
        const before = MathBN.convert(same.quantity).toNumber()
        await inventory.updateReservationItems({ id: same.id, quantity: before + w.quantity })
        moved.grown!.push({ id: same.id, quantity: before })
        same.quantity = before + w.quantity
      } else {
        const [created] = (await inventory.createReservationItems([{ ...w, description: "Re-routed by medusa-omnichannel-pos" }])) as any[]
        moved.created.push(created.id)
        existing.push(created)
      }
    }
  } catch (error) {
    await undoMovedHere(inventory, moved)
    throw error
  }
  return moved
}

/** undoMoved for a caller that holds the items' locks already. */
async function undoMovedHere(inventory: any, moved: Moved) {
  if (moved.grown?.length) {
    // the first quantity a reservation had wins: the list is in the order they grew
    const first = new Map<string, number>()
    for (const g of moved.grown) {
      if (!first.has(g.id)) first.set(g.id, g.quantity)
    }
    await inventory.updateReservationItems([...first].map(([id, quantity]) => ({ id, quantity })))
  }
  if (moved.created.length) {
    await inventory.deleteReservationItems(moved.created)
  }
}

/** A pickup task as it was, to be put back. */
type TaskBefore = { id: string; lines: Record<string, unknown>; status: string }

/** Runs `fn` under a task's lock, unless the caller holds it already. */
const underTaskLock = async <T>(container: Container, taskId: string, held: string[] | null | undefined, fn: () => Promise<T>) =>
  held?.includes(taskId) ? fn() : container.resolve(Modules.LOCKING).execute(`pos:task:${taskId}`, fn, { timeout: 30 })

/** A task's lines as they are, apart from the copy a step changes (compensation puts these back). */
const copyLines = (task: any) => JSON.parse(JSON.stringify(task.lines ?? [])) as Record<string, unknown>

/**
 * A short pick at a store that was sending a pickup's units over (its ship task "Transfer to …"):
 * the pickup task's transfer lines from that store lose the short units (`short` says how many),
 * so ready waits only for what will come. Under the pickup task's lock; compensation puts its
 * lines back.
 */
export const shrinkPickupTransferStep = createStep(
  "shrink-pos-pickup-transfer",
  async (
    input: {
      order_id: string
      pickup_node_id: string | null
      from_task_id: string | null
      remainder: { line_item_id: string; quantity: number }[]
      locked_task_ids?: string[] | null
      retry?: boolean
    },
    { container }
  ) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    if (!input.from_task_id || !input.pickup_node_id || input.retry) {
      return new StepResponse(null, null as TaskBefore | null)
    }
    const [fromTask] = (await pos.listPosStoreTasks({ id: input.from_task_id }, { select: ["id", "kind", "location_id"] })) as any[]
    if (!fromTask || fromTask.kind !== StoreTaskKind.SHIP || fromTask.location_id === input.pickup_node_id) {
      return new StepResponse(null, null as TaskBefore | null)
    }
    const [candidate] = (await pos.listPosStoreTasks(
      { order_id: input.order_id, kind: StoreTaskKind.PICKUP, location_id: input.pickup_node_id, status: [StoreTaskStatus.OPEN, StoreTaskStatus.PICKED, StoreTaskStatus.READY] },
      { select: ["id"] }
    )) as any[]
    if (!candidate) {
      return new StepResponse(null, null as TaskBefore | null)
    }
    const before = await underTaskLock(container, candidate.id, input.locked_task_ids, async () => {
      const pickupTask = (await pos.retrievePosStoreTask(candidate.id)) as any
      const saved = copyLines(pickupTask)
      const lines = linesOf({ lines: copyLines(pickupTask) })
      let changed = false
      for (const r of input.remainder) {
        let left = r.quantity
        for (const line of lines) {
          if (left > 0 && line.line_item_id === r.line_item_id && line.from_node_id === fromTask.location_id) {
            const take = Math.min(left, line.quantity - (line.received ?? 0))
            line.quantity -= take
            line.short = (line.short ?? 0) + take
            left -= take
            changed ||= take > 0
          }
        }
      }
      if (!changed) {
        return null
      }
      await pos.updatePosStoreTasks({ id: pickupTask.id, lines: asJson(lines.filter((l) => l.quantity > 0 || (l.received ?? 0) > 0)) })
      return { id: pickupTask.id as string, lines: saved, status: pickupTask.status as string }
    })
    return new StepResponse(null, before)
  },
  async (before, { container }) => {
    if (before) {
      await (container.resolve(POS_MODULE) as PosModuleService).updatePosStoreTasks({ id: before.id, lines: before.lines, status: before.status as StoreTaskStatus })
    }
  }
)

/**
 * The tasks for re-routed units. A pickup order whose pickup task is still to be handed over
 * lists them on that task (units at the pickup store itself as lines to pick, units elsewhere as
 * transfers, their nodes getting ship tasks "Transfer to …"): a task already picked or ready
 * goes back to be picked (a line added from its shelf) or received (a transfer added), so the
 * hand-over waits for every unit. A pickup task handed over or closed meanwhile leaves the units
 * to a new pickup task. Under the pickup task's lock; compensation puts it back and deletes the
 * tasks made. Answers the created tasks' `pos.task.created` events.
 */
export const placeReroutedStep = createStep(
  "place-pos-rerouted-units",
  async (input: { plan: ReroutePlan; decision_id: string | null; order_id: string; locked_task_ids?: string[] | null }, { container }) => {
    const none = new StepResponse([] as ReturnType<typeof taskCreatedEvents>, { before: null as TaskBefore | null, created: [] as string[] })
    const { plan } = input
    if (!input.decision_id || !plan.allocations.length) {
      return none
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const network = await loadNetwork(container)
    const pickupNode = plan.pickup_node_id
    const order = { order_id: input.order_id, item_info: plan.item_info }
    const [open] = pickupNode
      ? ((await pos.listPosStoreTasks(
          { order_id: input.order_id, kind: StoreTaskKind.PICKUP, location_id: pickupNode, status: [StoreTaskStatus.OPEN, StoreTaskStatus.PICKED, StoreTaskStatus.READY] },
          { select: ["id"] }
        )) as any[])
      : []
    if (!open) {
      // a shipment, or a pickup whose task is no longer waiting: tasks of their own
      const rows = planStoreTasks(network, { ...order, destination: { point: null, pickup_node_id: pickupNode } }, input.decision_id, plan.allocations)
      const created = rows.length ? ((await pos.createPosStoreTasks(rows as any)) as unknown as any[]) : []
      return new StepResponse(taskCreatedEvents(created), { before: null, created: created.map((t) => t.id as string) })
    }
    let before: TaskBefore | null = null
    const created: any[] = []
    try {
      await underTaskLock(container, open.id, input.locked_task_ids, async () => {
        const task = (await pos.retrievePosStoreTask(open.id)) as any
        before = { id: task.id, lines: copyLines(task), status: task.status }
        const lines = linesOf({ lines: copyLines(task) })
        const added = plan.allocations.map((a) => taskLineOf(network, plan.item_info, a, pickupNode))
        for (const line of added) {
          // units back on this store's shelf join the line of that item here: a pick counts per order
          // line, so the line asks for what was found before plus these (its short units were written off)
          const shelf = !line.from_node_id && lines.find((l) => !l.from_node_id && l.line_item_id === line.line_item_id && l.inventory_item_id === line.inventory_item_id)
          if (shelf) {
            shelf.quantity = shelf.quantity - (shelf.short ?? 0) + line.quantity
            shelf.short = 0
          } else {
            lines.push(line)
          }
        }
        const toPick = added.some((l) => !l.from_node_id)
        // the hand-over waits for every unit: a shelf line is picked, a transfer received, then ready again
        const status =
          toPick && task.status !== StoreTaskStatus.OPEN
            ? StoreTaskStatus.OPEN
            : task.status === StoreTaskStatus.READY
              ? StoreTaskStatus.PICKED
              : task.status
        await pos.updatePosStoreTasks({ id: task.id, lines: asJson(lines), status })
      })
      const elsewhere = plan.allocations.filter((a) => a.node_id !== pickupNode)
      const rows = planStoreTasks(network, { ...order, destination: { point: null, pickup_node_id: null } }, input.decision_id, elsewhere).map((t) => ({
        ...t,
        note: `Transfer to ${nodeName(network, pickupNode!)} for the customer's pickup`,
      }))
      if (rows.length) {
        created.push(...((await pos.createPosStoreTasks(rows as any)) as unknown as any[]))
      }
    } catch (error) {
      // a step that throws is not compensated: what it changed goes with it
      if (created.length) {
        await pos.deletePosStoreTasks(created.map((t) => t.id))
      }
      if (before) {
        const b = before as TaskBefore
        await pos.updatePosStoreTasks({ id: b.id, lines: b.lines, status: b.status as StoreTaskStatus })
      }
      throw error
    }
    return new StepResponse(taskCreatedEvents(created), { before, created: created.map((t) => t.id as string) })
  },
  async (undo, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    if (undo?.created.length) {
      await pos.deletePosStoreTasks(undo.created)
    }
    if (undo?.before) {
      await pos.updatePosStoreTasks({ id: undo.before.id, lines: undo.before.lines, status: undo.before.status as StoreTaskStatus })
    }
  }
)
