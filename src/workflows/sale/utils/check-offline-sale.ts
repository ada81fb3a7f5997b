import type { OfflinePolicy } from "../../../modules/pos/options"

export type OfflineSaleInput = {
  client_txn_id: string
  recorded_at: string
  staff_id: string
  lines: { code?: string; variant_id?: string; quantity: number; unit_price: number }[]
  tenders: { type: string; amount: number; tendered?: number }[]
}

/** Why the offline policy refuses a sale, or null when it may be applied. */
export function checkOfflineSale(sale: OfflineSaleInput, policy: OfflinePolicy, now: Date): string | null {
  const refused = sale.tenders.filter((t) => !policy.tenders.includes(t.type))
  if (refused.length) {
    return `tender ${refused[0].type} is not allowed offline (allowed: ${policy.tenders.join(", ")})`
  }
  const recorded = new Date(sale.recorded_at)
  if (Number.isNaN(recorded.getTime())) {
    return `recorded_at ${sale.recorded_at} is not a date`
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
