import { MathBN } from "@medusajs/framework/utils"

/** Digits after the decimal point that a currency is paid in (2 for USD, 0 for JPY). */
export function currencyDecimals(currencyCode: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: currencyCode.toUpperCase() }).resolvedOptions()
      .maximumFractionDigits ?? 2
  } catch {
    return 2
  }
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
