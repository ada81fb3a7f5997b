/**
 * A unit-cost file as a retailer exports it from a spreadsheet: a header row
 * naming `sku` (or `variant_id`) and `cost` (or `amount`, `unit_cost`), then
 * one variant a row. Quoted cells, commas or semicolons, CRLF or LF. Rows
 * that cannot be read (an empty cost included) are reported by their line
 * number, never guessed.
 */
export type CostRow = { sku?: string; variant_id?: string; amount: number | null }
export type ParsedCosts = { rows: CostRow[]; errors: string[] }

function cells(line: string, separator: string): string[] {
  const out: string[] = []
  let cell = ""
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') {
        quoted = false
      } else {
        cell += c
      }
    } else if (c === '"') {
      quoted = true
    } else if (c === separator) {
      out.push(cell.trim())
      cell = ""
    } else {
      cell += c
    }
  }
  out.push(cell.trim())
  return out
}

export function parseCostCsv(text: string): ParsedCosts {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/)
  const header = lines[0] ?? ""
  const separator = header.includes(";") && !header.includes(",") ? ";" : ","
  const names = cells(header, separator).map((h) => h.toLowerCase())
  const keyColumn = names.findIndex((h) => h === "sku" || h === "variant_id")
  const costColumn = names.findIndex((h) => h === "cost" || h === "amount" || h === "unit_cost")
  if (keyColumn < 0 || costColumn < 0) {
    return { rows: [], errors: ["The first row names the columns: sku (or variant_id) and cost"] }
  }
  const key = names[keyColumn] as "sku" | "variant_id"
  const rows: CostRow[] = []
  const errors: string[] = []
  const seen = new Set<string>()
  lines.slice(1).forEach((line, index) => {
    const lineNo = index + 2
    if (!line.trim()) {
      return
    }
    const row = cells(line, separator)
    const id = row[keyColumn] ?? ""
    const raw = (row[costColumn] ?? "").replace(/^\$/, "")
    if (!id) {
      errors.push(`Line ${lineNo}: no ${key}`)
      return
    }
    if (seen.has(id)) {
      errors.push(`Line ${lineNo}: ${id} appears twice`)
      return
    }
    seen.add(id)
    if (raw === "") {
      // an empty cell is more likely a gap in the sheet than a wish to remove the cost: say so
      errors.push(`Line ${lineNo}: ${id} has no cost; write one (0 is a cost), or leave the line out`)
      return
    }
    if (!/^\d+(\.\d+)?$/.test(raw)) {
      errors.push(`Line ${lineNo}: ${id} has the cost "${raw}", not a number such as 12.50`)
      return
    }
    rows.push({ [key]: id, amount: Number(raw) })
  })
  return { rows, errors }
}
