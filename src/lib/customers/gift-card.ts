/**
 * Gift card codes as staff type them and as receipts print them. Medusa's loyalty plugin makes codes
 * like `GIFT-ABCD-EFGH-JKLM-NPQR` (capitals and digits, groups of four): a typed or scanned code is
 * matched in capitals without spaces, and a receipt shows only its last four characters.
 */

/** The most characters a code may have (the plugin's are 24). */
export const GIFT_CARD_CODE_MAX = 64

/** A code as typed or scanned: trimmed, in capitals, inner spaces dropped; null when it cannot be a code. */
export function normalizeGiftCardCode(value: unknown): string | null {
  if (typeof value !== "string") {
    return null
  }
  const code = value.replace(/\s+/g, "").toUpperCase()
  return code.length >= 4 && code.length <= GIFT_CARD_CODE_MAX && /^[A-Z0-9_-]+$/.test(code) ? code : null
}

/** What a receipt or a screen prints of a code: all but its last four characters masked. */
export function maskGiftCardCode(code: string): string {
  const plain = code.replace(/-/g, "")
  return `•••• ${plain.slice(-4)}`
}
