import type { CatalogVariant } from "./catalog"
import { fromMinor, toMinor } from "./money"

/** A line of a sale rung up offline, priced from the device's catalogue. */
export type OfflineLine = {
  variant_id: string
  code: string | null
  title: string
  quantity: number
  unit_price: number
  tax_rate: number
  /** the price includes the tax (taken out of it, not added) */
  tax_inclusive?: boolean
}

export type OfflineTotals = { subtotal: number; tax: number; total: number }

export function lineOf(variant: CatalogVariant, code: string | null): OfflineLine {
  return {
    variant_id: variant.id,
    code,
    title: `${variant.product_title} – ${variant.title}`,
    quantity: 1,
    unit_price: variant.price ?? 0,
    tax_rate: variant.tax_rate,
    tax_inclusive: !!variant.tax_inclusive,
  }
}

/** Adds an item: the same variant raises its line, as a scan online does. */
export function addLine(lines: OfflineLine[], line: OfflineLine): OfflineLine[] {
  const at = lines.findIndex((l) => l.variant_id === line.variant_id)
  if (at === -1) return [...lines, line]
  return lines.map((l, i) => (i === at ? { ...l, quantity: l.quantity + line.quantity } : l))
}

export function setQuantity(lines: OfflineLine[], variantId: string, quantity: number): OfflineLine[] {
  return quantity <= 0
    ? lines.filter((l) => l.variant_id !== variantId)
    : lines.map((l) => (l.variant_id === variantId ? { ...l, quantity } : l))
}

/**
 * Totals as the page shows them offline, in whole minor units: each line's tax
 * rounded once, added to a price without tax, taken out of a tax-inclusive
 * one. The server computes the real ones when the sale is synced; a
 * difference is reported there (`amount_differs`), never lost.
 */
export function offlineTotals(lines: OfflineLine[], decimals: number): OfflineTotals {
  let subtotal = 0
  let tax = 0
  for (const line of lines) {
    const amount = toMinor(line.unit_price, decimals) * line.quantity
    const lineTax = line.tax_inclusive
      ? Math.round((amount * line.tax_rate) / (100 + line.tax_rate))
      : Math.round((amount * line.tax_rate) / 100)
    subtotal += line.tax_inclusive ? amount - lineTax : amount
    tax += lineTax
  }
  return { subtotal: fromMinor(subtotal, decimals), tax: fromMinor(tax, decimals), total: fromMinor(subtotal + tax, decimals) }
}

/** The offline policy's refusal of a sale, in words, or null when it may be queued. */
export function policyRefusal(
  totals: OfflineTotals,
  policy: { tenders_allowed: string[]; max_sale_amount: number; max_line_quantity?: number; max_sale_lines?: number },
  tender: string,
  format: (n: number) => string,
  lines: OfflineLine[] = []
): string | null {
  if (policy.max_sale_lines && lines.length > policy.max_sale_lines) {
    return `A sale has at most ${policy.max_sale_lines} lines; this one has ${lines.length}. Split it.`
  }
  const big = policy.max_line_quantity ? lines.find((l) => l.quantity > policy.max_line_quantity!) : undefined
  if (big) {
    return `A line holds at most ${policy.max_line_quantity} units; ${big.title} has ${big.quantity}.`
  }
  if (!policy.tenders_allowed.includes(tender)) {
    return `Offline, this till takes ${policy.tenders_allowed.join(" or ")} only (offline policy).`
  }
  if (totals.subtotal > policy.max_sale_amount) {
    return `Offline sales are limited to ${format(policy.max_sale_amount)} before tax (offline policy); this one is ${format(totals.subtotal)}. Split it, or wait for the network.`
  }
  return null
}
