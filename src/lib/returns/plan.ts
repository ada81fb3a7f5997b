import { checkReturnRequest, type Disposition, type LineEligibility, type ReturnPolicy } from "./policy"

/** A line of a return as a till asks for it. */
export type ReturnRequestedLine = { line_item_id: string; quantity: number; disposition: Disposition; reason?: string }

/** A returned line as the return keeps it: what came back, what it gave back, where its stock went. */
export type ReturnLineRecord = ReturnRequestedLine & {
  title: string
  variant_id: string | null
  amount: number
  location_id: string
  /** the stock one unit is made of */
  inventory: { inventory_item_id: string; required_quantity: number }[]
  /** units put back into sellable stock here, later for refurbished units */
  restocked_quantity: number
  restocked_at: string | null
}

/** What a return puts where, per inventory item, destination and disposition. */
export type StockMovement = {
  location_id: string
  location_name: string
  inventory_item_id: string
  quantity: number
  disposition: Disposition
}

/** What a return asks for, as far as its idempotency key is concerned. */
export type ReturnRequestShape = { lines: ReturnRequestedLine[]; refund_to: string; exchange: boolean }

/**
 * Whether a request asked again with the same idempotency key is the same return: the same lines
 * (item, quantity, disposition, in any order), the same refund destination, an exchange or not.
 */
export function sameReturnRequest(kept: ReturnRequestShape, asked: ReturnRequestShape): boolean {
  const shape = (lines: ReturnRequestedLine[]) =>
    JSON.stringify(
      lines.map((l) => [l.line_item_id, l.quantity, l.disposition]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))
    )
  return shape(kept.lines) === shape(asked.lines) && kept.refund_to === asked.refund_to && kept.exchange === asked.exchange
}

/**
 * Whether the return may be taken at this store as asked: the dispositions the store supports,
 * store credit where it is offered, and the policy per line. A refusing rule that a manager may
 * override is overridden only when a reason is given; then the return needs a manager's approval.
 * Returns the problems (empty when it may be taken) and whether an override is needed.
 */
export function reviewReturnRequest(input: {
  lines: ReturnRequestedLine[]
  eligibility: LineEligibility[]
  policy: ReturnPolicy
  store_code: string
  refund_to: string
  override_reason?: string | null
}): { problems: string[]; needs_override: boolean } {
  const unsupported = [...new Set(input.lines.map((l) => l.disposition).filter((d) => !input.policy.dispositions.includes(d)))]
  if (unsupported.length) {
    return {
      problems: [`Store ${input.store_code} does not take returns as ${unsupported.join(", ")}; it supports ${input.policy.dispositions.join(", ")}`],
      needs_override: false,
    }
  }
  if (input.refund_to === "store_credit" && !input.policy.store_credit) {
    return { problems: [`Store credit is not offered at store ${input.store_code}: refund to the original tender`], needs_override: false }
  }
  const plain = checkReturnRequest(input.lines, input.eligibility, false)
  if (!plain.problems.length || !input.override_reason) {
    return { problems: plain.problems.length ? [`This return cannot be taken: ${plain.problems.join(". ")}`] : [], needs_override: false }
  }
  const overridden = checkReturnRequest(input.lines, input.eligibility, true)
  return overridden.problems.length
    ? { problems: [`This return cannot be taken: ${overridden.problems.join(". ")}`], needs_override: false }
    : { problems: [], needs_override: true }
}

/** Per inventory item, destination and disposition, what the return puts where (before the locations are named). */
export function planMovements(records: ReturnLineRecord[]): Omit<StockMovement, "location_name">[] {
  const moves = new Map<string, Omit<StockMovement, "location_name">>()
  for (const record of records) {
    for (const part of record.inventory) {
      const key = `${part.inventory_item_id}|${record.location_id}|${record.disposition}`
      const current = moves.get(key)
      moves.set(key, {
        location_id: record.location_id,
        inventory_item_id: part.inventory_item_id,
        disposition: record.disposition,
        quantity: (current?.quantity ?? 0) + part.required_quantity * record.quantity,
      })
    }
  }
  return [...moves.values()]
}
