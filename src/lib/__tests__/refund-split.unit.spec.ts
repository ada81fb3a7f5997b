import { splitRefund, type RefundablePayment } from "../refund-split"

// the decimals Medusa's currency data gives each currency (the caller reads them)
const USD = { code: "usd", decimals: 2 }
const JPY = { code: "jpy", decimals: 0 }
const KWD = { code: "kwd", decimals: 3 }

const pay = (id: string, kind: RefundablePayment["kind"], captured: number, created_at: string, refunded = 0): RefundablePayment => ({
  id,
  kind,
  captured,
  refunded,
  created_at,
})

describe("splitRefund: refunds go back to the original tenders", () => {
  const cash = pay("cash", "cash", 20, "2026-11-28T10:00:00Z")
  const card1 = pay("card1", "card", 30.87, "2026-11-28T10:01:00Z")
  const card2 = pay("card2", "card", 15, "2026-11-28T10:02:00Z")

  it.each([
    ["one payment, part of it", [card1], 10, [["card1", 10]]],
    ["cards before cash, the most recent card first", [cash, card1, card2], 40, [["card2", 15], ["card1", 25]]],
    ["cash only after every card is used up", [cash, card1, card2], 50, [["card2", 15], ["card1", 30.87], ["cash", 4.13]]],
    ["the whole order", [cash, card1, card2], 65.87, [["card2", 15], ["card1", 30.87], ["cash", 20]]],
    ["what was already refunded is skipped", [pay("c", "card", 30, "2026-11-28T10:00:00Z", 30), cash], 5, [["cash", 5]]],
    ["a partly refunded card gives what it has left", [pay("c", "card", 30, "2026-11-28T10:00:00Z", 29.99), cash], 1, [["c", 0.01], ["cash", 0.99]]],
    ["online payments (other providers) before cash", [cash, pay("web", "other", 50, "2026-11-01T00:00:00Z")], 60, [["web", 50], ["cash", 10]]],
    ["a gift card first, then store credit, then cards and cash", [cash, card1, pay("gift-card:g", "gift_card", 10, "2026-11-28T09:00:00Z"), pay("store-credit:a", "store_credit", 5, "2026-11-28T09:00:00Z")], 50, [["gift-card:g", 10], ["store-credit:a", 5], ["card1", 30.87], ["cash", 4.13]]],
    ["a gift card refunded before gives only what it has left", [cash, pay("gift-card:g", "gift_card", 10, "2026-11-28T09:00:00Z", 7)], 5, [["gift-card:g", 3], ["cash", 2]]],
  ] as [string, RefundablePayment[], number, [string, number][]][])("%s", (_name, payments, amount, expected) => {
    const parts = splitRefund(amount, payments, USD)
    expect(parts.map((p) => [p.payment_id, p.amount])).toEqual(expected)
  })

  it("always adds up exactly, in the smallest unit, whatever the amounts", () => {
    const payments = [pay("a", "card", 33.33, "2026-01-01"), pay("b", "card", 33.33, "2026-01-02"), pay("c", "cash", 33.34, "2026-01-03")]
    for (let cents = 1; cents <= 10000; cents += 7) {
      const amount = cents / 100
      const parts = splitRefund(amount, payments, USD)
      const sum = parts.reduce((s, p) => s + Math.round(p.amount * 100), 0)
      expect(sum).toBe(cents)
      for (const part of parts) {
        // whole cents: no fraction of the smallest unit ever reaches a provider
        expect(Number(part.amount.toFixed(2))).toBe(part.amount)
      }
    }
  })

  it("works in currencies without decimals", () => {
    expect(splitRefund(1500, [pay("a", "card", 1000, "2026-01-01"), pay("b", "cash", 1000, "2026-01-02")], JPY)).toEqual([
      { payment_id: "a", kind: "card", amount: 1000 },
      { payment_id: "b", kind: "cash", amount: 500 },
    ])
  })

  it("refunds a card in three-decimal currencies in Stripe's steps of 0.010, the odd rest to the next tender", () => {
    expect(splitRefund(3.333, [pay("a", "card", 5, "2026-01-01"), pay("b", "cash", 5, "2026-01-02")], KWD)).toEqual([
      { payment_id: "a", kind: "card", amount: 3.33 },
      { payment_id: "b", kind: "cash", amount: 0.003 },
    ])
    expect(splitRefund(3.33, [pay("a", "card", 5, "2026-01-01")], KWD)).toEqual([{ payment_id: "a", kind: "card", amount: 3.33 }])
    expect(() => splitRefund(3.333, [pay("a", "card", 5, "2026-01-01")], KWD)).toThrow("finer than a card can be refunded")
  })

  it("refuses more than is left to refund, nothing, and sub-cent amounts", () => {
    expect(() => splitRefund(65.88, [cash, card1, card2], USD)).toThrow("Refund 65.88 is more than the 65.87 USD left to refund")
    expect(() => splitRefund(0, [cash], USD)).toThrow("more than 0")
    expect(() => splitRefund(1.001, [cash], USD)).toThrow("at most 2 decimal(s)")
  })
})
