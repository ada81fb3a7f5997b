import {
  checkReturnRequest,
  DEFAULT_RETURN_POLICY,
  evaluateReturnEligibility,
  returnPolicyFor,
  type ReturnLineFacts,
  type ReturnPolicy,
} from "../returns/policy"

const line = (over: Partial<ReturnLineFacts> = {}): ReturnLineFacts => ({
  line_item_id: "li_1",
  title: "Trail Jacket M",
  product_id: "prod_jacket",
  category_ids: ["pcat_outer"],
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
const NOW = new Date("2026-11-28T12:00:00Z")
const evaluate = (l: ReturnLineFacts, p: ReturnPolicy = policy(), soldAt = "2026-11-05T10:00:00Z", now = NOW) =>
  evaluateReturnEligibility({ lines: [l], policy: p, sold_at: soldAt, now })[0]

describe("evaluateReturnEligibility: what may come back, and why not", () => {
  it.each([
    ["delivered, within the window", line(), policy(), 2, 2, []],
    ["one already returned", line({ returned: 1 }), policy(), 1, 1, ["already_returned"]],
    ["everything already returned", line({ returned: 2 }), policy(), 0, 0, ["already_returned"]],
    ["never fulfilled: cancel, not return", line({ fulfilled: 0, shipped: 0, delivered: 0, delivered_at: null }), policy(), 0, 0, ["not_fulfilled"]],
    ["one fulfilled but not sent", line({ fulfilled: 2, shipped: 1, delivered: 1 }), policy(), 1, 1, ["not_fulfilled"]],
    ["one on the way: only a manager can take it", line({ delivered: 1 }), policy(), 1, 2, ["in_transit"]],
    [
      "window from delivery ended",
      line({ delivered_at: "2026-10-01T00:00:00Z" }),
      policy(),
      0,
      2,
      ["window"],
    ],
    [
      "window from the sale date ended although delivered recently",
      line(),
      policy({ window_starts: "sale", window_days: 14 }),
      0,
      2,
      ["window"],
    ],
    ["no window at all (0 days)", line({ delivered_at: "2020-01-01T00:00:00Z" }), policy({ window_days: 0 }), 2, 2, []],
    ["final-sale product", line(), policy({ final_sale: { product_ids: ["prod_jacket"], category_ids: [], tags: [] } }), 0, 2, ["final_sale"]],
    ["final-sale category", line(), policy({ final_sale: { product_ids: [], category_ids: ["pcat_outer"], tags: [] } }), 0, 2, ["final_sale"]],
    ["final-sale tag", line({ tags: ["clearance"] }), policy({ final_sale: { product_ids: [], category_ids: [], tags: ["clearance"] } }), 0, 2, ["final_sale"]],
    [
      "several rules at once",
      line({ delivered: 1, returned: 1, delivered_at: "2026-09-01T00:00:00Z" }),
      policy(),
      0,
      1,
      ["in_transit", "already_returned", "window"],
    ],
  ] as [string, ReturnLineFacts, ReturnPolicy, number, number, string[]][])(
    "%s",
    (_name, facts, p, returnable, withOverride, rules) => {
      const result = evaluate(facts, p)
      expect(result.returnable_quantity).toBe(returnable)
      expect(result.returnable_with_override).toBe(withOverride)
      expect(result.refusals.map((r) => r.rule)).toEqual(rules)
    }
  )

  it("says why in words a cashier can read out, with the dates", () => {
    const result = evaluate(line({ delivered_at: "2026-10-01T00:00:00Z" }))
    expect(result.window_ends_at).toBe("2026-10-31T00:00:00.000Z")
    expect(result.refusals[0]).toEqual({
      rule: "window",
      quantity: 2,
      overridable: true,
      message: "Delivered on 2026-10-01: the 30-day return window ended on 2026-10-31",
    })
    const never = evaluate(line({ fulfilled: 0, shipped: 0, delivered: 0 }))
    expect(never.refusals[0].message).toBe("2 units of Trail Jacket M have not been sent yet: cancel them on the order instead of a return")
    expect(never.refusals[0].overridable).toBe(false)
  })

  it("counts the window from the sale when a line has no delivery date (in-store sales)", () => {
    const result = evaluate(line({ delivered_at: null }), policy(), "2026-10-01T10:00:00Z")
    expect(result.refusals.map((r) => r.message)).toEqual(["Bought on 2026-10-01: the 30-day return window ended on 2026-10-31"])
  })

  it("is open up to the last moment of the window and closed just after", () => {
    const l = line({ delivered_at: "2026-11-01T00:00:00Z" })
    expect(evaluate(l, policy(), undefined, new Date("2026-12-01T00:00:00Z")).returnable_quantity).toBe(2)
    expect(evaluate(l, policy(), undefined, new Date("2026-12-01T00:00:01Z")).returnable_quantity).toBe(0)
  })
})

describe("checkReturnRequest", () => {
  const eligibility = evaluateReturnEligibility({
    lines: [line(), line({ line_item_id: "li_2", title: "Cap", delivered_at: "2026-09-01T00:00:00Z" })],
    policy: policy(),
    sold_at: "2026-09-01T00:00:00Z",
    now: NOW,
  })

  it("lets an eligible return through", () => {
    expect(checkReturnRequest([{ line_item_id: "li_1", quantity: 2 }], eligibility, false)).toEqual({ problems: [], overridden: false })
  })

  it("refuses more than was bought, adding up repeated lines", () => {
    const { problems } = checkReturnRequest(
      [
        { line_item_id: "li_1", quantity: 2 },
        { line_item_id: "li_1", quantity: 1 },
      ],
      eligibility,
      true
    )
    expect(problems).toEqual(["Trail Jacket M: 3 units asked, 2 may come back"])
  })

  it("refuses a line of another order", () => {
    expect(checkReturnRequest([{ line_item_id: "li_x", quantity: 1 }], eligibility, false).problems).toEqual([
      "Line li_x is not a line of this order",
    ])
  })

  it("refuses a closed window, saying a manager can override, and lets the override through", () => {
    const refused = checkReturnRequest([{ line_item_id: "li_2", quantity: 1 }], eligibility, false)
    expect(refused.problems[0]).toBe(
      "Cap: 1 unit asked, 0 may come back (Delivered on 2026-09-01: the 30-day return window ended on 2026-10-01); a manager can override this"
    )
    expect(checkReturnRequest([{ line_item_id: "li_2", quantity: 1 }], eligibility, true)).toEqual({ problems: [], overridden: true })
  })
})

describe("returnPolicyFor: the merchant's policy with a store's changes", () => {
  it("uses the defaults with no options", () => {
    expect(returnPolicyFor(undefined)).toEqual(DEFAULT_RETURN_POLICY)
  })

  it("takes a store's entry by code (or id) over the merchant's, and adds its final-sale lists", () => {
    const options = {
      window_days: 60,
      final_sale: { tags: ["clearance"] },
      stores: { OUTLET: { window_days: 14, dispositions: ["resellable" as const], final_sale: { tags: ["outlet"] } } },
    }
    expect(returnPolicyFor(options, { id: "str_1", code: "OUTLET" })).toEqual({
      ...DEFAULT_RETURN_POLICY,
      window_days: 14,
      dispositions: ["resellable"],
      final_sale: { product_ids: [], category_ids: [], tags: ["clearance", "outlet"] },
    })
    expect(returnPolicyFor(options, { id: "str_2", code: "LOOP" }).window_days).toBe(60)
  })
})
