import { currencyDecimals, roundToCurrency } from "../money"

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

  it("knows how many decimals a currency is paid in", () => {
    expect(currencyDecimals("usd")).toBe(2)
    expect(currencyDecimals("jpy")).toBe(0)
    expect(currencyDecimals("kwd")).toBe(3)
  })
})
