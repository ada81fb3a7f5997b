/**
 * CSV for spreadsheets (RFC 4180): every cell quoted when it holds a quote, a
 * comma or a line break, and a cell a spreadsheet would read as a formula
 * (=, +, -, @, tab, carriage return first) prefixed with an apostrophe.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) {
    return ""
  }
  if (typeof value === "number") {
    // a number is never a formula: -0.05 stays a number in the spreadsheet
    return Number.isFinite(value) ? String(value) : ""
  }
  let text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value)
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvRow(values: unknown[]): string {
  return values.map(csvCell).join(",") + "\r\n"
}

/** what names an entry of a list in a flattened path: the first of these keys it has */
const IDENTITY_KEYS = ["bucket", "tender", "staff_id", "store_id", "node_id", "id", "code", "promotion_id"]

/**
 * A nested answer as rows of [path, value], one per number, text or empty
 * value: `sales.by_channel.store.orders`, and a list's entries named by their
 * identity (`exceptions.staff[stf_1].voids`, or the position when none).
 */
export function flattenToRows(value: unknown, path = ""): [string, unknown][] {
  if (value === null || typeof value !== "object") {
    return [[path, value]]
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => {
      const key = item && typeof item === "object" ? IDENTITY_KEYS.map((k) => (item as Record<string, unknown>)[k]).find((v) => v !== null && v !== undefined) : undefined
      const name = key !== undefined ? String(key) : String(index)
      // a pair's products have no single identity: join the entries' names
      const label = Array.isArray((item as any)?.products) ? (item as any).products.map((p: any) => p.id).join("+") : name
      return flattenToRows(item, `${path}[${label}]`)
    })
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => flattenToRows(inner, path ? `${path}.${key}` : key))
}
