/**
 * CSV for spreadsheets (RFC 4180): every cell quoted when it holds a quote, a
 * comma or a line break, and a cell a spreadsheet would read as a formula
 * (=, +, -, @, tab, carriage return first) prefixed with an apostrophe.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) {
    return ""
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
