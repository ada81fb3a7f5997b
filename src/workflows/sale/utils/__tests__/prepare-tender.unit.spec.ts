import { prepareTender } from "../prepare-tender"

describe("prepareTender", () => {
  it.each([
    // request, due → plan
    [{ type: "cash", amount: 56.4, tendered: 60 }, 56.4, { amount: 56.4, tendered: 60, change_due: 3.6 }],
    [{ type: "cash", amount: 60 }, 56.4, { amount: 56.4, tendered: 60, change_due: 3.6 }],
    [{ type: "cash", amount: 20 }, 56.4, { amount: 20, tendered: 20, change_due: 0 }],
    [{ type: "cash", amount: 0.1, tendered: 0.3 }, 0.2, { amount: 0.1, tendered: 0.3, change_due: 0.2 }],
    [{ type: "card", amount: 36.4 }, 36.4, { amount: 36.4, tendered: null, change_due: null }],
  ] as const)("%j against %p due → %j", (request, due, plan) => {
    expect(prepareTender(request as any, due)).toEqual(plan)
  })

  it("refuses a card charge above what is due, cash handed below the amount, and tenders on a paid sale", () => {
    expect(() => prepareTender({ type: "card", amount: 50 }, 40)).toThrow("more than the 40 still due")
    expect(() => prepareTender({ type: "cash", amount: 50, tendered: 40 }, 60)).toThrow("less than the amount")
    expect(() => prepareTender({ type: "cash", amount: 5 }, 0)).toThrow("Nothing is due")
    expect(() => prepareTender({ type: "cash", amount: 5.001 }, 10)).toThrow("more than the 2 decimal(s) USD")
    expect(() => prepareTender({ type: "cash", amount: 100.5 }, 1000, "jpy")).toThrow("0 decimal(s) JPY")
  })

  it("takes card amounts only as Stripe can charge them", () => {
    // KWD has three decimals, but Stripe charges it in steps of 0.010
    expect(() => prepareTender({ type: "card", amount: 5.125 }, 10, "kwd")).toThrow("steps of 0.01")
    expect(prepareTender({ type: "card", amount: 5.12 }, 10, "kwd")).toMatchObject({ amount: 5.12 })
    expect(prepareTender({ type: "cash", amount: 5.125 }, 10, "kwd")).toMatchObject({ amount: 5.125 })
    expect(prepareTender({ type: "card", amount: 1500 }, 2000, "huf")).toMatchObject({ amount: 1500 })
    expect(prepareTender({ type: "card", amount: 500 }, 500, "jpy")).toMatchObject({ amount: 500 })
    expect(prepareTender({ type: "card", amount: 12.34 }, 20, "usd")).toMatchObject({ amount: 12.34 })
  })
})
