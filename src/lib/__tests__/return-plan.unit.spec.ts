import { planMovements, reviewReturnRequest, sameReturnRequest, type ReturnLineRecord } from "../returns/plan"
import { DEFAULT_RETURN_POLICY, evaluateReturnEligibility, type ReturnLineFacts, type ReturnPolicy } from "../returns/policy"

const facts = (over: Partial<ReturnLineFacts> = {}): ReturnLineFacts => ({
  line_item_id: "li_1",
  title: "Trail Jacket M",
  product_id: "prod_jacket",
  category_ids: [],
  tags: [],
  quantity: 2,
  fulfilled: 2,
  shipped: 2,
  delivered: 2,
  returned: 0,
  delivered_at: "2026-11-10T12:00:00Z",
  ...over,
})
const policy = (over: Partial<ReturnPolicy> = {}): ReturnPolicy => ({ ...DEFAULT_RETURN_POLICY, ...over })
const eligibility = evaluateReturnEligibility({
  lines: [facts(), facts({ line_item_id: "li_2", title: "Cap", delivered_at: "2026-09-01T00:00:00Z" })],
  policy: policy(),
  sold_at: "2026-09-01T00:00:00Z",
  now: new Date("2026-11-28T12:00:00Z"),
})
const review = (over: Partial<Parameters<typeof reviewReturnRequest>[0]> = {}) =>
  reviewReturnRequest({
    lines: [{ line_item_id: "li_1", quantity: 1, disposition: "resellable" }],
    eligibility,
    policy: policy(),
    store_code: "EVANSTON",
    refund_to: "original",
    ...over,
  })

describe("reviewReturnRequest: may the return be taken here as asked", () => {
  it("lets an eligible return through without a manager", () => {
    expect(review()).toEqual({ problems: [], needs_override: false })
  })

  it("refuses a disposition the store does not support, naming those it does", () => {
    expect(review({ lines: [{ line_item_id: "li_1", quantity: 1, disposition: "refurbish" }], policy: policy({ dispositions: ["resellable", "quarantine"] }) })).toEqual({
      problems: ["Store EVANSTON does not take returns as refurbish; it supports resellable, quarantine"],
      needs_override: false,
    })
  })

  it("refuses store credit where it is not offered", () => {
    expect(review({ refund_to: "store_credit", policy: policy({ store_credit: false }) }).problems).toEqual([
      "Store credit is not offered at store EVANSTON: refund to the original tender",
    ])
  })

  it("refuses a closed window; with a reason it needs a manager's override; more than was bought stays refused", () => {
    const closed = [{ line_item_id: "li_2", quantity: 1, disposition: "resellable" as const }]
    expect(review({ lines: closed }).problems[0]).toMatch(/^This return cannot be taken: Cap: 1 unit asked, 0 may come back .*a manager can override this$/)
    expect(review({ lines: closed, override_reason: "Gift" })).toEqual({ problems: [], needs_override: true })
    expect(review({ lines: [{ ...closed[0], quantity: 5 }], override_reason: "Gift" })).toEqual({
      problems: ["This return cannot be taken: Cap: 5 units asked, 2 may come back"],
      needs_override: false,
    })
  })
})

describe("sameReturnRequest: is a retried key the same return", () => {
  const lines = [
    { line_item_id: "li_1", quantity: 1, disposition: "resellable" as const },
    { line_item_id: "li_2", quantity: 2, disposition: "quarantine" as const, reason: "Torn" },
  ]
  it("matches the same lines in any order, whatever the reasons say", () => {
    const kept = { lines, refund_to: "original", exchange: false }
    expect(sameReturnRequest(kept, { lines: [{ ...lines[1], reason: undefined }, lines[0]], refund_to: "original", exchange: false })).toBe(true)
  })
  it("tells another quantity, disposition, refund destination or an exchange apart", () => {
    const kept = { lines, refund_to: "original", exchange: false }
    expect(sameReturnRequest(kept, { lines: [lines[0], { ...lines[1], quantity: 1 }], refund_to: "original", exchange: false })).toBe(false)
    expect(sameReturnRequest(kept, { lines: [lines[0], { ...lines[1], disposition: "resellable" }], refund_to: "original", exchange: false })).toBe(false)
    expect(sameReturnRequest(kept, { lines, refund_to: "store_credit", exchange: false })).toBe(false)
    expect(sameReturnRequest(kept, { lines, refund_to: "original", exchange: true })).toBe(false)
  })
})

describe("planMovements: what the return puts where", () => {
  const record = (over: Partial<ReturnLineRecord>): ReturnLineRecord => ({
    line_item_id: "li_1",
    quantity: 1,
    disposition: "resellable",
    title: "Kit",
    variant_id: "variant_kit",
    amount: 10,
    location_id: "sloc_store",
    inventory: [{ inventory_item_id: "iitem_a", required_quantity: 1 }],
    restocked_quantity: 1,
    restocked_at: null,
    ...over,
  })
  it("adds up units per item, place and disposition, each unit's parts counted", () => {
    const moves = planMovements([
      record({ quantity: 2, inventory: [{ inventory_item_id: "iitem_a", required_quantity: 1 }, { inventory_item_id: "iitem_b", required_quantity: 3 }] }),
      record({ line_item_id: "li_2", quantity: 1 }),
      record({ line_item_id: "li_1", quantity: 1, disposition: "quarantine", location_id: "sloc_quarantine" }),
    ])
    expect(moves).toEqual([
      { location_id: "sloc_store", inventory_item_id: "iitem_a", disposition: "resellable", quantity: 3 },
      { location_id: "sloc_store", inventory_item_id: "iitem_b", disposition: "resellable", quantity: 6 },
      { location_id: "sloc_quarantine", inventory_item_id: "iitem_a", disposition: "quarantine", quantity: 1 },
    ])
  })
  it("moves nothing for a variant whose stock is not managed", () => {
    expect(planMovements([record({ inventory: [] })])).toEqual([])
  })
})
