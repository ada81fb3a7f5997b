import { currencyDecimals, roundToCurrency } from "../money"
import { stripeAmountProblem, toMinorUnits } from "../stripe-terminal"

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
