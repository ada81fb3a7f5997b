/** The store's currency as the server gives it (Medusa's currency data). */
export type Currency = { code: string; symbol?: string; symbol_native?: string; decimal_digits: number }

const FALLBACK: Currency = { code: "", decimal_digits: 2 }

/**
 * Amounts reach the page already rounded by the server to the currency's
 * smallest unit; this only lays them out: "$1,234.50", "¥1,500", "KWD 5.125".
 */
export function formatMoney(amount: number | string | null | undefined, currency: Currency | null = FALLBACK): string {
  const c = currency ?? FALLBACK
  const value = Number(amount ?? 0)
  if (!Number.isFinite(value)) return "–"
  const fixed = Math.abs(value).toFixed(c.decimal_digits)
  const [whole, fraction] = fixed.split(".")
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")
  const number = fraction ? `${grouped}.${fraction}` : grouped
  const symbol = c.symbol_native || c.symbol
  const sign = value < 0 && Number(fixed) !== 0 ? "−" : ""
  if (symbol && symbol.length <= 2) return `${sign}${symbol}${number}`
  return `${sign}${c.code.toUpperCase()} ${number}`
}

/** Integer minor units of an amount (12.34 → 1234 with 2 decimals), for comparisons without float drift. */
export function toMinor(amount: number, decimals: number): number {
  return Math.round(amount * 10 ** decimals)
}

export function fromMinor(minor: number, decimals: number): number {
  return Number((minor / 10 ** decimals).toFixed(decimals))
}

/**
 * Quick cash amounts for an amount due: the exact amount, then the next round
 * amounts a customer is likely to hand over (the next whole unit, 5, 10, 20,
 * 50, 100…), at most `count`, without repeats.
 */
export function quickCashAmounts(due: number, decimals: number, count = 4): number[] {
  if (!(due > 0)) return []
  const dueMinor = toMinor(due, decimals)
  const unit = 10 ** decimals
  const amounts = [dueMinor]
  for (const step of [1, 5, 10, 20, 50, 100, 200, 500, 1000]) {
    const stepMinor = step * unit
    const next = Math.ceil(dueMinor / stepMinor) * stepMinor
    const rounded = next === dueMinor ? next + stepMinor : next
    if (step === 1 && next === dueMinor) continue
    if (!amounts.includes(rounded)) amounts.push(rounded)
    if (amounts.length >= count) break
  }
  return amounts.slice(0, count).map((minor) => fromMinor(minor, decimals))
}
