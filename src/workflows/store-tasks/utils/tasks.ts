import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { StoreTaskKind, StoreTaskStatus } from "../../../modules/pos/models/store-task"
import type { StoreTaskLine } from "../../routing/utils/store-tasks"

type Container = { resolve: (key: string) => any }

export const linesOf = (task: any) => [...((task.lines as unknown as StoreTaskLine[]) ?? [])]
export const asJson = (lines: StoreTaskLine[]) => lines as unknown as Record<string, unknown>

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
  // by default the work still to do; done tasks only when asked for by status
  const wanted = statuses?.length ? (statuses as StoreTaskStatus[]) : [StoreTaskStatus.OPEN, StoreTaskStatus.PICKED, StoreTaskStatus.READY]
  // each task with what staff call its order by, through the task's read-only link to the order
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "pos_store_task",
    fields: [...STAFF_TASK_FIELDS, ...TASK_ORDER_FIELDS.map((f) => `order.${f}`)],
    filters: { store_id: storeId, status: wanted },
    pagination: { order: { created_at: "ASC" }, take: 200 },
  })
  const rank = (t: any) => (t.arrived_at && t.status === StoreTaskStatus.READY ? 0 : t.status === StoreTaskStatus.READY ? 1 : 2)
  return (data as any[])
    .map(({ order, ...task }) => ({ ...task, order: order ? { display_id: order.display_id, customer_name: customerName(order) } : null }))
    .sort((a, b) => rank(a) - rank(b) || new Date(a.arrived_at ?? a.created_at).getTime() - new Date(b.arrived_at ?? b.created_at).getTime())
}

const TASK_ORDER_FIELDS = ["id", "display_id", "shipping_address.first_name", "shipping_address.last_name", "customer.first_name", "customer.last_name"]

/** The name staff call a customer by: the shipping address's, else the customer account's. */
function customerName(order: any): string | null {
  const name = [order.shipping_address?.first_name ?? order.customer?.first_name, order.shipping_address?.last_name ?? order.customer?.last_name]
  return name.filter(Boolean).join(" ") || null
}

/** The audit row of a task action: by a staff member, or by the system (`staffId` null). */
export function taskAuditEntry(task: any, staffId: string | null, action: string, data: Record<string, unknown> = {}) {
  return [
    {
      actor_type: staffId ? ("staff" as const) : ("system" as const),
      actor_id: staffId ?? "pos",
      store_id: task.store_id as string,
      action,
      resource_type: "order",
      resource_id: task.order_id as string,
      data: { task_id: task.id, ...data },
    },
  ]
}

/** What staff do to a task; each has the kinds and statuses it takes. */
export type TaskAction = "pick" | "ship" | "ready" | "collect" | "expire" | "receive"

function throwUnlessStatus(task: any, allowed: StoreTaskStatus[], doing: string) {
  if (!allowed.includes(task.status)) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Task ${task.id} is ${task.status}: it can be ${doing} only when ${allowed.join(" or ")}`
    )
  }
}

/** Refuses an action the task's kind or status does not allow, with a message that says why. */
export function checkTaskAction(task: any, action: TaskAction) {
  switch (action) {
    case "pick":
      return throwUnlessStatus(task, [StoreTaskStatus.OPEN], "picked")
    case "ship":
      if (task.kind !== StoreTaskKind.SHIP) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Task ${task.id} is a pickup: it is handed over, not shipped`)
      }
      return throwUnlessStatus(task, [StoreTaskStatus.PICKED], "shipped")
    case "ready":
      if (task.kind !== StoreTaskKind.PICKUP) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Task ${task.id} ships to the customer: only pickups are made ready`)
      }
      return throwUnlessStatus(task, [StoreTaskStatus.PICKED, StoreTaskStatus.READY], "made ready")
    case "receive":
      if (task.kind !== StoreTaskKind.PICKUP) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Task ${task.id} ships to the customer: transfers are received by pickup tasks`)
      }
      if (!linesOf(task).some((l) => l.from_node_id)) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Task ${task.id} has no transfer to receive: every line is on this store's shelf`)
      }
      return throwUnlessStatus(task, [StoreTaskStatus.OPEN, StoreTaskStatus.PICKED], "received into")
    case "expire":
      return throwUnlessStatus(task, [StoreTaskStatus.READY], "expired")
    case "collect":
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
  }
}

export type PickedLine = { line_item_id: string; picked: number }
export type ShortUnits = { line_item_id: string; inventory_item_id: string; quantity: number }

/**
 * A pick as staff confirm it: how many of each line were found here (all, when a line is not
 * given). Lines coming from another node are not picked here. A shortfall needs a reason.
 */
export function planPick(task: any, given: PickedLine[] | undefined, reason: string | undefined) {
  const lines = linesOf(task)
  const picked = new Map((given ?? []).map((l) => [l.line_item_id, l.picked]))
  for (const id of picked.keys()) {
    if (!lines.some((l) => l.line_item_id === id && !l.from_node_id)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Line ${id} is not picked at this store for task ${task.id}`)
    }
  }
  const shorts: ShortUnits[] = []
  for (const line of lines) {
    if (line.from_node_id) {
      continue
    }
    const count = picked.get(line.line_item_id) ?? line.quantity
    if (count > line.quantity) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `${line.title}: ${count} picked, but the task asks for ${line.quantity}`)
    }
    line.picked = count
    line.short = line.quantity - count
    if (line.short > 0) {
      shorts.push({ line_item_id: line.line_item_id, inventory_item_id: line.inventory_item_id, quantity: line.short })
    }
  }
  if (shorts.length && !reason) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "A short pick needs a reason (missing, damaged, …)")
  }
  const nothingHere = lines.every((l) => l.from_node_id || l.picked === 0)
  const ship = task.kind === StoreTaskKind.SHIP
  return {
    lines,
    shorts,
    status: nothingHere && ship ? StoreTaskStatus.CANCELED : StoreTaskStatus.PICKED,
    units: ship ? lines.reduce((s, l) => s + l.picked, 0) : 0,
  }
}

/** Units of a pickup's transfer lines still to arrive at the pickup store, per sending node (empty: everything is here). */
export function transfersStillOut(task: any) {
  const out = new Map<string, { name: string; units: number; missing: number }>()
  for (const line of linesOf(task)) {
    const left = line.from_node_id ? line.quantity - (line.received ?? 0) : 0
    if (left > 0) {
      const entry = out.get(line.from_node_id!) ?? { name: line.from_node_name ?? line.from_node_id!, units: 0, missing: 0 }
      entry.units += left
      entry.missing += line.missing ?? 0
      out.set(line.from_node_id!, entry)
    }
  }
  return [...out.values()]
}

export type ReceivedLine = { line_item_id: string; received: number }

/**
 * A transfer receipt as staff scanned it: for each line given, how many units are now at the pickup
 * store in all (not more than its sending nodes have shipped), credited to the transfer lines
 * whose node shipped that much (in their order when several did). Units a node shipped that are
 * not here are its line's `missing`. Lines not given are left as they are (still on their way).
 * `sent` is what each node shipped of each order line (by Medusa's fulfilments there).
 */
export function planReceive(task: any, given: ReceivedLine[], sent: Map<string, number>) {
  const lines = linesOf(task)
  const missing: { line_item_id: string; title: string; from_node_name: string | null; units: number }[] = []
  for (const { line_item_id, received } of given) {
    const transfers = lines.filter((l) => l.line_item_id === line_item_id && l.from_node_id)
    if (!transfers.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Line ${line_item_id} is not a transfer to this store in task ${task.id}`)
    }
    const wanted = transfers.reduce((sum, l) => sum + l.quantity, 0)
    if (received > wanted) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `${transfers[0].title}: ${received} received, but the transfer brings ${wanted}`)
    }
    // what each sending node shipped of this line, shared out over that node's transfer lines
    const shippedLeft = new Map(transfers.map((l) => [l.from_node_id!, sent.get(`${l.from_node_id}|${line_item_id}`) ?? 0]))
    const shippedHere = transfers.map((l) => {
      const take = Math.min(l.quantity, shippedLeft.get(l.from_node_id!) ?? 0)
      shippedLeft.set(l.from_node_id!, (shippedLeft.get(l.from_node_id!) ?? 0) - take)
      return take
    })
    const shipped = shippedHere.reduce((sum, n) => sum + n, 0)
    if (received > shipped) {
      const sources = [...new Set(transfers.map((l) => l.from_node_name ?? l.from_node_id))].join(", ")
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `${transfers[0].title}: ${received} received, but ${sources} shipped ${shipped} so far: a unit is received once its sender has shipped it`
      )
    }
    // what arrived is credited to the lines whose node shipped it; what a node shipped and is not here is its missing
    let left = received
    transfers.forEach((line, i) => {
      line.received = Math.min(shippedHere[i], left)
      left -= line.received
      line.missing = shippedHere[i] - line.received
      if (line.missing > 0) {
        missing.push({ line_item_id, title: line.title, from_node_name: line.from_node_name, units: line.missing })
      }
    })
  }
  return { lines, missing }
}
