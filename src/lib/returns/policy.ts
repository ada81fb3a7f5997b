/**
 * The return policy engine: pure functions, no container. Given an order's
 * lines as the returns desk sees them (what was bought, sent, delivered and
 * already returned), the merchant's policy for this store and the time, it
 * says per line how many may come back, or which rule refuses them, in words
 * a cashier can read out to the customer.
 */

export const DISPOSITIONS = ["resellable", "refurbish", "quarantine"] as const
export type Disposition = (typeof DISPOSITIONS)[number]

export type ReturnPolicy = {
  /** days a line may come back; 0 turns the window off (any time) */
  window_days: number
  /** the window starts when the line was delivered (in-store sales: the sale) or when it was sold */
  window_starts: "delivery" | "sale"
  /** products, categories (ids) or product tags (values) sold as final sale */
  final_sale: { product_ids: string[]; category_ids: string[]; tags: string[] }
  /** refunds may be given as store credit (a single-use code) instead of to the original tender */
  store_credit: boolean
  /** what this store can do with what comes back */
  dispositions: Disposition[]
}

/** Plugin option `returns`: the merchant's policy, and per store (by code or id) what differs. */
export type ReturnPolicyOptions = Partial<Omit<ReturnPolicy, "final_sale">> & {
  final_sale?: Partial<ReturnPolicy["final_sale"]>
  stores?: Record<string, Partial<Omit<ReturnPolicy, "final_sale">> & { final_sale?: Partial<ReturnPolicy["final_sale"]> }>
}

export const DEFAULT_RETURN_POLICY: ReturnPolicy = {
  window_days: 30,
  window_starts: "delivery",
  final_sale: { product_ids: [], category_ids: [], tags: [] },
  store_credit: false,
  dispositions: [...DISPOSITIONS],
}

/** The policy at one store: the merchant's, with what the store's entry (by code, then id) changes. */
export function returnPolicyFor(options: ReturnPolicyOptions | undefined, store?: { id: string; code?: string | null }): ReturnPolicy {
  const { stores, ...merchant } = options ?? {}
  const own = (store && (stores?.[store.code ?? ""] ?? stores?.[store.id])) || {}
  const pick = <K extends keyof ReturnPolicy>(key: K): ReturnPolicy[K] =>
    ((own as any)[key] ?? (merchant as any)[key] ?? DEFAULT_RETURN_POLICY[key]) as ReturnPolicy[K]
  const finalSale = (key: keyof ReturnPolicy["final_sale"]) => [
    ...(merchant.final_sale?.[key] ?? []),
    ...(own.final_sale?.[key] ?? []),
  ]
  return {
    window_days: pick("window_days"),
    window_starts: pick("window_starts"),
    final_sale: { product_ids: finalSale("product_ids"), category_ids: finalSale("category_ids"), tags: finalSale("tags") },
    store_credit: pick("store_credit"),
    dispositions: pick("dispositions"),
  }
}

/** One order line as the returns desk sees it. Quantities are whole units. */
export type ReturnLineFacts = {
  line_item_id: string
  title: string
  product_id?: string | null
  category_ids?: string[]
  /** product tag values */
  tags?: string[]
  quantity: number
  fulfilled: number
  shipped: number
  delivered: number
  /** asked back or received already (returns in progress count) */
  returned: number
  /** the latest delivery of this line, if any */
  delivered_at?: Date | string | null
}

export type ReturnRule = "already_returned" | "not_fulfilled" | "in_transit" | "window" | "final_sale"

/** Rules a manager may lift with a reason; what was never sent or already came back stays refused. */
export const OVERRIDABLE_RULES: ReturnRule[] = ["window", "final_sale", "in_transit"]

export type ReturnRefusal = { rule: ReturnRule; quantity: number; message: string; overridable: boolean }

export type LineEligibility = {
  line_item_id: string
  title: string
  quantity: number
  returnable_quantity: number
  /** what the quantity would be with a manager's override */
  returnable_with_override: number
  window_ends_at: string | null
  refusals: ReturnRefusal[]
}

const DAY = 86_400_000
const day = (d: Date) => d.toISOString().slice(0, 10)
const units = (n: number) => `${n} ${n === 1 ? "unit" : "units"}`

function finalSaleReason(line: ReturnLineFacts, policy: ReturnPolicy): string | null {
  const fs = policy.final_sale
  if (line.product_id && fs.product_ids.includes(line.product_id)) {
    return "this product"
  }
  const category = (line.category_ids ?? []).find((c) => fs.category_ids.includes(c))
  if (category) {
    return `its category (${category})`
  }
  const tag = (line.tags ?? []).find((t) => fs.tags.includes(t))
  if (tag) {
    return `its tag "${tag}"`
  }
  return null
}

/**
 * Per line: how many may come back, and what refuses the rest. `sold_at` is
 * the order's date; `now` the time of the question (passed in, so the answer
 * is the same in a test as at the till).
 */
export function evaluateReturnEligibility(input: {
  lines: ReturnLineFacts[]
  policy: ReturnPolicy
  sold_at: Date | string
  now: Date
}): LineEligibility[] {
  const soldAt = new Date(input.sold_at)
  return input.lines.map((line) => {
    const refusals: ReturnRefusal[] = []
    const refuse = (rule: ReturnRule, quantity: number, message: string) =>
      refusals.push({ rule, quantity, message, overridable: OVERRIDABLE_RULES.includes(rule) })

    const unfulfilled = Math.max(0, line.quantity - line.fulfilled)
    const notSent = Math.max(0, line.fulfilled - Math.max(line.shipped, line.delivered))
    const inTransit = Math.max(0, line.shipped - line.delivered)
    if (unfulfilled + notSent > 0) {
      refuse(
        "not_fulfilled",
        unfulfilled + notSent,
        `${units(unfulfilled + notSent)} of ${line.title} ${unfulfilled + notSent === 1 ? "has" : "have"} not been sent yet: cancel ${unfulfilled + notSent === 1 ? "it" : "them"} on the order instead of a return`
      )
    }
    if (inTransit > 0) {
      refuse("in_transit", inTransit, `${units(inTransit)} of ${line.title} ${inTransit === 1 ? "is" : "are"} still on the way to the customer`)
    }
    // what came back already is taken from what the customer had in hand first
    const inHand = Math.max(0, line.delivered - line.returned)
    const inHandWithTransit = Math.max(0, line.delivered + inTransit - line.returned)
    if (line.returned > 0) {
      refuse("already_returned", Math.min(line.returned, line.quantity), `${units(line.returned)} of ${line.title} already returned`)
    }

    let windowEnds: Date | null = null
    let blocked = false
    if (input.policy.window_days > 0) {
      const deliveredAt = line.delivered_at ? new Date(line.delivered_at) : null
      const fromDelivery = input.policy.window_starts === "delivery" && deliveredAt
      const start = fromDelivery ? deliveredAt! : soldAt
      windowEnds = new Date(start.getTime() + input.policy.window_days * DAY)
      if (input.now > windowEnds) {
        blocked = true
        refuse(
          "window",
          inHandWithTransit,
          `${fromDelivery ? `Delivered on ${day(start)}` : `Bought on ${day(start)}`}: the ${input.policy.window_days}-day return window ended on ${day(windowEnds)}`
        )
      }
    }
    const finalSale = finalSaleReason(line, input.policy)
    if (finalSale) {
      blocked = true
      refuse("final_sale", inHandWithTransit, `${line.title} was sold as final sale (${finalSale}) and cannot be returned`)
    }
    return {
      line_item_id: line.line_item_id,
      title: line.title,
      quantity: line.quantity,
      returnable_quantity: blocked ? 0 : inHand,
      returnable_with_override: inHandWithTransit,
      window_ends_at: windowEnds?.toISOString() ?? null,
      refusals: refusals.filter((r) => r.quantity > 0),
    }
  })
}

export type ReturnRequestLine = { line_item_id: string; quantity: number }

/**
 * Checks a return against the eligibility: a line of another order, more than
 * may come back, or (without an override) a rule that refuses it. Returns the
 * problems in words, empty when the return may go ahead; `overridden` says
 * whether it only goes ahead because of the override.
 */
export function checkReturnRequest(
  lines: ReturnRequestLine[],
  eligibility: LineEligibility[],
  override: boolean
): { problems: string[]; overridden: boolean } {
  const byId = new Map(eligibility.map((e) => [e.line_item_id, e]))
  const asked = new Map<string, number>()
  for (const line of lines) {
    asked.set(line.line_item_id, (asked.get(line.line_item_id) ?? 0) + line.quantity)
  }
  const problems: string[] = []
  let overridden = false
  for (const [id, quantity] of asked) {
    const line = byId.get(id)
    if (!line) {
      problems.push(`Line ${id} is not a line of this order`)
      continue
    }
    if (quantity <= line.returnable_quantity) {
      continue
    }
    if (override && quantity <= line.returnable_with_override) {
      overridden = true
      continue
    }
    const limit = override ? line.returnable_with_override : line.returnable_quantity
    const why = line.refusals
      .filter((r) => !override || !r.overridable)
      .map((r) => r.message)
      .join("; ")
    problems.push(
      `${line.title}: ${units(quantity)} asked, ${limit} may come back${why ? ` (${why})` : ""}${
        !override && line.returnable_with_override > line.returnable_quantity ? "; a manager can override this" : ""
      }`
    )
  }
  return { problems, overridden }
}
