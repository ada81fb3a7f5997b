/**
 * An amount as the API answers it (a decimal number of the currency's main
 * unit) written with the currency's own number of decimals from Medusa's
 * currency data: 70.1 USD → "70.10 USD", 1200 JPY → "1200 JPY". The digits
 * are padded as text, never rounded through floating point. `grouped` writes
 * thousands with commas (1,200 JPY).
 */
export function formatAmount(amount: number | string | null | undefined, currency: string, decimals: number, options: { grouped?: boolean } = {}): string {
  if (amount === null || amount === undefined || amount === "") {
    return "–"
  }
  const text = String(amount)
  const negative = text.startsWith("-")
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".")
  const digits = decimals > 0 ? `.${fraction.padEnd(decimals, "0")}` : fraction ? `.${fraction}` : ""
  // thousands grouped with commas as text (no Intl, no float): 504747.3 → 504,747.30
  const wholeText = options.grouped ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : whole
  return `${negative ? "−" : ""}${wholeText}${digits} ${currency.toUpperCase()}`
}

