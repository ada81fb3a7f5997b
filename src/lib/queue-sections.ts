/**
 * Where a store task sits in a store's work queue, in the order staff work
 * through it. One definition for the POS page's queue (src/pos/lib/tasks.ts)
 * and the dashboard's "today at a store" counts (src/lib/store-today.ts, read by src/workflows/store/utils/load-store-today.ts).
 * Pure: no Medusa import, so the browser bundle can take it.
 */
export type QueueSection = "arrivals" | "ready" | "receive" | "make_ready" | "pick" | "ship"

export type QueueLine = { quantity: number; received?: number | null; from_node_id?: string | null }
export type QueueTask = { kind: string; status: string; arrived_at?: string | Date | null; lines: QueueLine[] }

/** Units of a transfer line still to arrive at the pickup store. */
export const stillOut = (line: QueueLine) => (line.from_node_id ? Math.max(0, line.quantity - (line.received ?? 0)) : 0)

/** Lines picked off this store's shelf (a transfer line is received, not picked). */
export const shelfLines = <L extends QueueLine>(task: { lines: L[] }) => task.lines.filter((l) => !l.from_node_id)

/** The section of a task still in the queue (open, picked or ready). */
export function sectionOf(task: QueueTask): QueueSection {
  if (task.status === "ready") return task.arrived_at ? "arrivals" : "ready"
  if (task.kind === "pickup" && task.lines.some((l) => stillOut(l) > 0)) return task.status === "open" && shelfLines(task).length ? "pick" : "receive"
  if (task.status === "open") return "pick"
  return task.kind === "ship" ? "ship" : "make_ready"
}
