import { sectionOf, shelfLines, stillOut, type QueueSection } from "../../lib/queue-sections"
import type { Task } from "./types"

export { sectionOf, shelfLines, stillOut, type QueueSection }

export const SECTION_TITLES: Record<QueueSection, string> = {
  arrivals: "Curbside: the customer is outside",
  ready: "Ready for pickup",
  receive: "Transfers to receive",
  make_ready: "Picked: to make ready",
  pick: "To pick",
  ship: "To ship",
}

/** A ship task that sends a pickup's units to the pickup store (its note says so), not to the customer. */
export const isTransfer = (task: Task) => task.kind === "ship" && /^Transfer to /.test(task.note ?? "")

/** What the next step on a task is, in a few words (the queue's row shows it). */
export function nextStep(task: Task): string {
  if (task.status === "ready") return task.arrived_at ? "Take it out to the car" : "Waiting for the customer"
  if (task.kind === "ship") return task.status === "open" ? (isTransfer(task) ? "Pick, then send to the pickup store" : "Pick, then ship") : "Pack and ship"
  if (task.status === "open" && shelfLines(task).length) return "Pick for pickup"
  const out = task.lines.reduce((sum, l) => sum + stillOut(l), 0)
  return out ? `${out} unit(s) still to arrive` : "Mark ready"
}

export function groupQueue(tasks: Task[]) {
  const order: QueueSection[] = ["arrivals", "ready", "receive", "make_ready", "pick", "ship"]
  const groups = new Map<QueueSection, Task[]>(order.map((s) => [s, []]))
  for (const task of tasks) groups.get(sectionOf(task))!.push(task)
  return order.map((section) => ({ section, tasks: groups.get(section)! })).filter((g) => g.tasks.length)
}

export const orderLabel = (task: Task) => (task.order ? `#${task.order.display_id}` : task.order_id.slice(-8))
