/**
 * An amount as the API answers it (a decimal number of the currency's main
 * unit) written with the currency's own number of decimals from Medusa's
 * currency data: 70.1 USD → "70.10 USD", 1200 JPY → "1200 JPY". The digits
 * are padded as text, never rounded through floating point.
 */
export function formatAmount(amount: number | string | null | undefined, currency: string, decimals: number): string {
  if (amount === null || amount === undefined || amount === "") {
    return "–"
  }
  const text = String(amount)
  const negative = text.startsWith("-")
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".")
  const digits = decimals > 0 ? `.${fraction.padEnd(decimals, "0")}` : fraction ? `.${fraction}` : ""
  return `${negative ? "−" : ""}${whole}${digits} ${currency.toUpperCase()}`
}

