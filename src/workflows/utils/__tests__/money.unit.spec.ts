import { currencyDecimals, lineRefundPart, roundToCurrency } from "../money"
import { stripeAmountProblem, toMinorUnits } from "../../../lib/stripe-terminal"

describe("money", () => {
  it.each([
    [93.7125, "usd", 93.71],
    [8.715, "usd", 8.72],
    [0.005, "usd", 0.01],
    [-2.345, "usd", -2.35],
    [1234.5, "jpy", 1235],
    [10, "cad", 10],
  ])("rounds %p %s to %p", (amount, currency, rounded) => {
    expect(roundToCurrency(amount, currency)).toBe(rounded)
  })

  it("knows how many decimals a currency is paid in, from Medusa's currency data", () => {
    expect(currencyDecimals("usd")).toBe(2)
    expect(currencyDecimals("jpy")).toBe(0)
    expect(currencyDecimals("kwd")).toBe(3)
    // cash in these has no decimals in Medusa's data; Stripe still counts their card amounts in hundredths (below)
    expect(currencyDecimals("huf")).toBe(0)
    expect(currencyDecimals("isk")).toBe(0)
    expect(currencyDecimals("cop")).toBe(0)
    expect(currencyDecimals("xyz")).toBe(2)
  })
})

describe("card amounts for Stripe", () => {
  it.each([
    // Stripe counts HUF in hundredths although a forint has no coins below 1
    [1500, "huf", 150000],
    [500, "jpy", 500],
    [5.12, "kwd", 5120],
    [12.34, "usd", 1234],
    [0.29, "usd", 29],
    [4100, "isk", 410000],
    [25000, "cop", 2500000],
    [15000, "idr", 1500000],
    [700, "pkr", 70000],
  ])("%p %s is %p in Stripe's smallest unit", (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toBe(minor)
    expect(stripeAmountProblem(amount, currency)).toBeNull()
  })

  it("refuses what Stripe cannot charge", () => {
    expect(stripeAmountProblem(5.125, "kwd")).toMatch(/steps of 0.01/)
    expect(stripeAmountProblem(10.5, "jpy")).toMatch(/more decimals/)
    expect(stripeAmountProblem(0.001, "usd")).toMatch(/more decimals/)
    expect(stripeAmountProblem(41.5, "isk")).toMatch(/whole units/)
  })
})

describe("lineRefundPart", () => {
  const parts = (total: string | number, quantity: number, split: number[], currency = "usd") => {
    let before = 0
    return split.map((units) => {
      const part = lineRefundPart({ total, quantity }, before, units, currency)
      before += units
      return part
    })
  }

  it.each([
    // a line of 10.00 for 3 units
    ["10", 3, [1, 1, 1], [3.33, 3.34, 3.33]],
    ["10", 3, [2, 1], [6.67, 3.33]],
    ["10", 3, [3], [10]],
    // Medusa's unrounded total: 3 × 28 with 10.25% tax
    ["92.61", 3, [1, 1, 1], [30.87, 30.87, 30.87]],
    ["0.05", 2, [1, 1], [0.03, 0.02]],
  ])("%s for %p units returned as %j gives %j", (total, quantity, split, expected) => {
    expect(parts(total, quantity, split)).toEqual(expected)
  })

  it("adds up, over any split, to what returning the line at once gives", () => {
    for (const total of ["92.6125", "10", "0.07", "1234.5678", "99.99"]) {
      for (const quantity of [1, 2, 3, 7, 13]) {
        const whole = lineRefundPart({ total, quantity }, 0, quantity, "usd")
        const oneByOne = parts(total, quantity, Array(quantity).fill(1))
        expect(Math.round(oneByOne.reduce((sum, p) => sum + p, 0) * 100)).toBe(Math.round(whole * 100))
      }
    }
  })

  it("rounds to the currency: whole yen, three decimals of dinar", () => {
    expect(parts("1000", 3, [1, 1, 1], "jpy")).toEqual([333, 334, 333])
    expect(parts("10", 3, [1, 1, 1], "kwd")).toEqual([3.333, 3.334, 3.333])
  })
})
