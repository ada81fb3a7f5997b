import { formatAmount } from "../money"

describe("amounts on the dashboard", () => {
  it("writes the currency's decimals without rounding through floats", () => {
    expect(formatAmount(70.1, "usd", 2)).toBe("70.10 USD")
    expect(formatAmount(-1.9, "usd", 2)).toBe("−1.90 USD")
    expect(formatAmount(0, "eur", 2)).toBe("0.00 EUR")
    expect(formatAmount(1200, "jpy", 0)).toBe("1200 JPY")
    expect(formatAmount("12.345", "kwd", 3)).toBe("12.345 KWD")
    expect(formatAmount(null, "usd", 2)).toBe("–")
    expect(formatAmount(504747.3, "usd", 2, { grouped: true })).toBe("504,747.30 USD")
    expect(formatAmount(-1234567, "jpy", 0, { grouped: true })).toBe("−1,234,567 JPY")
    expect(formatAmount(999.5, "usd", 2, { grouped: true })).toBe("999.50 USD")
  })
})
