/**
 * GTIN check digits (EAN-13, EAN-8, UPC-A, GTIN-14): from the right, the digits
 * before the check digit are weighted 3, 1, 3, 1, …; the check digit brings the
 * weighted sum up to a multiple of ten.
 */
export function gtinCheckDigit(digitsWithoutCheck: string): number {
  if (!/^\d+$/.test(digitsWithoutCheck)) {
    throw new TypeError(`Not a string of digits: "${digitsWithoutCheck}"`)
  }
  let sum = 0
  for (let i = 0; i < digitsWithoutCheck.length; i++) {
    const digit = Number(digitsWithoutCheck[digitsWithoutCheck.length - 1 - i])
    sum += i % 2 === 0 ? digit * 3 : digit
  }
  return (10 - (sum % 10)) % 10
}

/** Appends the check digit to a 12-digit body, giving a valid EAN-13. */
export function toEan13(body12: string): string {
  if (!/^\d{12}$/.test(body12)) {
    throw new TypeError(`An EAN-13 body has 12 digits, got "${body12}"`)
  }
  return `${body12}${gtinCheckDigit(body12)}`
}

export type GtinVerdict =
  | { valid: true; kind: "EAN-8" | "UPC-A" | "EAN-13" | "GTIN-14"; gtin: string }
  | { valid: false; reason: string; expected_check_digit?: number }

const KINDS = { 8: "EAN-8", 12: "UPC-A", 13: "EAN-13", 14: "GTIN-14" } as const

/** Tells whether a scanned code is a well-formed GTIN, and if not, why not. */
export function checkGtin(code: string): GtinVerdict {
  const trimmed = code.trim()
  if (!/^\d+$/.test(trimmed)) {
    return { valid: false, reason: "a barcode has digits only" }
  }
  const kind = KINDS[trimmed.length as keyof typeof KINDS]
  if (!kind) {
    return {
      valid: false,
      reason: `a barcode has 8, 12, 13 or 14 digits, this one has ${trimmed.length}`,
    }
  }
  const expected = gtinCheckDigit(trimmed.slice(0, -1))
  if (Number(trimmed[trimmed.length - 1]) !== expected) {
    return {
      valid: false,
      reason: `the check digit is ${trimmed[trimmed.length - 1]}, it should be ${expected}`,
      expected_check_digit: expected,
    }
  }
  return { valid: true, kind, gtin: trimmed }
}
