/** A phone number as customers' records are matched on: its digits, with a leading + kept. */
export function normalizePhone(phone: string): string {
  const trimmed = phone.trim()
  return `${trimmed.startsWith("+") ? "+" : ""}${trimmed.replace(/\D/g, "")}`
}
