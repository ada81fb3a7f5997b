import { defaultCurrencies, MathBN } from "@medusajs/framework/utils"

/**
 * Digits after the decimal point that a currency is paid in (2 for USD, 0 for
 * JPY and HUF, 3 for KWD), as Medusa's currency module has them: its currency
 * table is seeded from these same defaults and cannot be changed through its API.
 * A code Medusa does not know is taken as 2.
 */
export function currencyDecimals(currencyCode: string): number {
  return defaultCurrencies[currencyCode.toUpperCase()]?.decimal_digits ?? 2
}

/**
 * Medusa keeps totals unrounded (10.25% tax on 85 is 8.7125); money changes
 * hands in the currency's smallest unit. Rounds half away from zero.
 */
export function roundToCurrency(amount: unknown, currencyCode: string): number {
  const value = MathBN.convert((amount ?? 0) as any)
  return Number(value.decimalPlaces(currencyDecimals(currencyCode), 4 /* ROUND_HALF_UP */).toString())
}

/** Medusa returns amounts and order quantities as numbers or BigNumbers; this reads either. */
export function toNumber(value: unknown): number {
  return value == null ? 0 : MathBN.convert(value as any).toNumber()
}

/**
 * What `units` more units of a line give back when `before` units of it came
 * back already: the rounded share of the line's total for all units returned
 * so far, less the rounded share for those returned before. Returned in any
 * number of parts, a line gives back exactly what returning it at once would.
 */
export function lineRefundPart(
  line: { total: unknown; quantity: number },
  before: number,
  units: number,
  currencyCode: string
): number {
  if (!(line.quantity > 0)) {
    return 0
  }
  const share = (count: number) => roundToCurrency(MathBN.div(MathBN.mult(line.total as any, count), line.quantity), currencyCode)
  return roundToCurrency(MathBN.sub(share(before + units), share(before)), currencyCode)
}
