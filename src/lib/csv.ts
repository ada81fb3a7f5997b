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

/** what names an entry of a list in a flattened path: these together when present (a staff member at a store, a node's kind of work)… */
const COMPOSITE_KEYS = ["store_id", "staff_id", "node_id", "kind"]
/** …otherwise the first of these */
const IDENTITY_KEYS = ["bucket", "tender", "id", "code", "promotion_id"]

function entryName(item: unknown, index: number): string {
  if (!item || typeof item !== "object") {
    return String(index)
  }
  const record = item as Record<string, unknown>
  if (Array.isArray(record.products)) {
    // a pair of products has no single identity: join its products'
    return (record.products as Record<string, unknown>[]).map((p) => p.id).join("+")
  }
  const composite = COMPOSITE_KEYS.filter((k) => record[k] !== null && record[k] !== undefined && k in record)
  if (composite.length) {
    return composite.map((k) => String(record[k])).join("/")
  }
  const key = IDENTITY_KEYS.map((k) => record[k]).find((v) => v !== null && v !== undefined)
  return key !== undefined ? String(key) : String(index)
}

/**
 * A nested answer as rows of [path, value], one per number, text or empty
 * value: `sales.by_channel.store.orders`, and a list's entries named by their
 * identity (`exceptions.staff[str_1/stf_1].voids`, `fulfilment.nodes[str_1/ship].tasks`, or the
 * position when none), so no two rows share a path.
 */
export function flattenToRows(value: unknown, path = ""): [string, unknown][] {
  if (value === null || typeof value !== "object") {
    return [[path, value]]
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => flattenToRows(item, `${path}[${entryName(item, index)}]`))
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => flattenToRows(inner, path ? `${path}.${key}` : key))
}
