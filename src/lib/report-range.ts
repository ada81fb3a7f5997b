/**
 * The scorecard's range: whole days in a time zone, YYYY-MM-DD to YYYY-MM-DD
 * (both included). Pure date arithmetic on calendar days (no clock involved),
 * so a day is a day whatever the time zone's offsets do.
 */

/** the longest range one report covers, in days */
export const MAX_REPORT_DAYS = 366
/** a range left out defaults to this many days ending today */
export const DEFAULT_REPORT_DAYS = 30

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** a calendar day YYYY-MM-DD that exists (no 2026-02-30), years 1970 to 9999 */
export function isCalendarDay(value: string): boolean {
  const match = DAY.exec(value)
  if (!match) {
    return false
  }
  const [year, month, day] = match.slice(1).map(Number)
  const date = new Date(Date.UTC(year, month - 1, day))
  return year >= 1970 && year <= 9999 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** an IANA time zone the runtime (and so Postgres, which shares the tz database) knows */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value })
    return value.length <= 64
  } catch {
    return false
  }
}

/** today's calendar day in a time zone */
export function todayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now)
  const part = (type: string) => parts.find((p) => p.type === type)?.value
  return `${part("year")}-${part("month")}-${part("day")}`
}

export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split("-").map(Number)
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10)
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

export type ReportRange = { from: string; to: string } | { error: string }

/**
 * The range a request asks for: `to` defaults to today in the time zone,
 * `from` to 29 days before `to`. Refused: `from` after `to`, or more than
 * MAX_REPORT_DAYS days.
 */
export function resolveReportRange(input: { from?: string; to?: string }, timeZone: string, now: Date): ReportRange {
  const to = input.to ?? (input.from ? addDays(input.from, DEFAULT_REPORT_DAYS - 1) : todayIn(timeZone, now))
  const from = input.from ?? addDays(to, -(DEFAULT_REPORT_DAYS - 1))
  if (from > to) {
    return { error: `from (${from}) is after to (${to})` }
  }
  const days = daysBetween(from, to) + 1
  if (days > MAX_REPORT_DAYS) {
    return { error: `A report covers at most ${MAX_REPORT_DAYS} days; ${from} to ${to} is ${days}` }
  }
  return { from, to }
}
