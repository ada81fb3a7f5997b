import type { OfflinePolicy, PosLimits } from "../../../modules/pos/options"

export type OfflineSaleInput = {
  client_txn_id: string
  recorded_at: string
  staff_id: string
  lines: { code?: string; variant_id?: string; quantity: number; unit_price: number }[]
  tenders: { type: string; amount: number; tendered?: number }[]
}

/** An ISO 8601 date and time with its offset (as a browser's toISOString writes it), from 2000 on; null otherwise. */
export function readRecordedAt(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    return null
  }
  const date = new Date(value)
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 9999 ? null : date
}

/** Why the offline policy refuses a sale, or null when it may be applied. */
export function checkOfflineSale(sale: OfflineSaleInput, policy: OfflinePolicy, limits: PosLimits, now: Date): string | null {
  const refused = sale.tenders.filter((t) => !policy.tenders.includes(t.type))
  if (refused.length) {
    return `tender ${refused[0].type} is not allowed offline (allowed: ${policy.tenders.join(", ")})`
  }
  const recorded = readRecordedAt(sale.recorded_at)
  if (!recorded) {
    return `recorded_at ${JSON.stringify(sale.recorded_at)} is not a date: give an ISO 8601 date and time from 2000 on (e.g. 2026-12-03T14:05:00Z)`
  }
  if (sale.lines.length > limits.max_sale_lines) {
    return `has ${sale.lines.length} lines, more than the ${limits.max_sale_lines} a sale may have (limits.max_sale_lines)`
  }
  const long = sale.lines.find((line) => line.quantity > limits.max_line_quantity)
  if (long) {
    return `has a line of ${long.quantity} units, more than the ${limits.max_line_quantity} a line may hold (limits.max_line_quantity)`
  }
  const ageHours = (now.getTime() - recorded.getTime()) / 3_600_000
  if (ageHours > policy.max_offline_hours) {
    return `recorded ${Math.floor(ageHours)} hours ago, more than the ${policy.max_offline_hours} hours an offline sale may wait`
  }
  if (recorded.getTime() - now.getTime() > 5 * 60_000) {
    return `recorded_at ${sale.recorded_at} is in the future`
  }
  const total = sale.lines.reduce((sum, line) => sum + line.quantity * line.unit_price, 0)
  if (total > policy.max_sale_amount) {
    return `totals ${total} before tax, more than the ${policy.max_sale_amount} one offline sale may total`
  }
  if (!sale.lines.length) {
    return "has no lines"
  }
  return null
}
