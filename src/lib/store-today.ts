import { sectionOf, type QueueTask } from "./queue-sections"

// A store's day, the pure part (the reads: src/workflows/store/utils/load-store-today.ts).

/** The most rows of one kind (discrepancies, offline sales) a day's summary lists. */
export const TODAY_MAX_ROWS = 100

/**
 * The instant the calendar day of `now` began in `timeZone` (an IANA name;
 * UTC when unknown). Read from the wall clock there, so a day that changes
 * its UTC offset (daylight saving) starts at most an hour off.
 */
export function startOfDayIn(timeZone: string, now: Date): Date {
  let parts: Intl.DateTimeFormatPart[]
  try {
    parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(now)
  } catch {
    parts = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", hourCycle: "h23", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(now)
  }
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const elapsed = ((part("hour") * 60 + part("minute")) * 60 + part("second")) * 1000 + now.getMilliseconds()
  return new Date(now.getTime() - elapsed)
}

/**
 * The queue's counts, by the sections the POS page's queue shows (each task in
 * exactly one), and the ready pickups whose hold has run out (also counted in
 * their section).
 */
export function countQueue(tasks: (QueueTask & { expires_at?: string | Date | null })[], now: Date) {
  const counts = { arrivals: 0, ready: 0, receive: 0, make_ready: 0, pick: 0, ship: 0 }
  for (const task of tasks) {
    counts[sectionOf(task)]++
  }
  return {
    to_pick: counts.pick,
    to_ship: counts.ship,
    transfers_due: counts.receive,
    to_make_ready: counts.make_ready,
    pickups_waiting: counts.ready,
    arrivals: counts.arrivals,
    overdue_holds: tasks.filter((t) => t.status === "ready" && !!t.expires_at && new Date(t.expires_at) < now).length,
  }
}
