/**
 * One entry per order line, quantities added up: what Medusa's return,
 * exchange and fulfillment workflows take (`{ id, quantity }`), from rows that
 * may name a line more than once (a line coming back in two dispositions, or
 * picked in two parts).
 */
export function perLine(rows: { line_item_id: string; quantity: number }[]): { id: string; quantity: number }[] {
  const sums = new Map<string, number>()
  for (const row of rows) {
    sums.set(row.line_item_id, (sums.get(row.line_item_id) ?? 0) + row.quantity)
  }
  return [...sums].map(([id, quantity]) => ({ id, quantity }))
}
