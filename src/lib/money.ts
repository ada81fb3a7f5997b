import { MathBN } from "@medusajs/framework/utils"

const decimalsByCurrency = new Map<string, number>()

/** Digits after the decimal point that a currency is paid in (2 for USD, 0 for JPY). */
export function currencyDecimals(currencyCode: string): number {
  const code = currencyCode.toUpperCase()
  let decimals = decimalsByCurrency.get(code)
  if (decimals === undefined) {
    // building a number format is slow (about 0.1 ms), and every amount of every answer is rounded
    try {
      decimals = new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2
    } catch {
      decimals = 2
    }
    decimalsByCurrency.set(code, decimals)
  }
  return decimals
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
