import { formatMoney, quickCashAmounts } from "../money"

const usd = { code: "usd", symbol_native: "$", decimal_digits: 2 }
const jpy = { code: "jpy", symbol_native: "￥", decimal_digits: 0 }
const kwd = { code: "kwd", symbol_native: "د.ك.‏", decimal_digits: 3 }

describe("money on the POS page", () => {
  it("lays amounts out with the currency's decimals and symbol", () => {
    expect(formatMoney(1234.5, usd)).toBe("$1,234.50")
    expect(formatMoney(-7.39, usd)).toBe("−$7.39")
    expect(formatMoney(0, usd)).toBe("$0.00")
    expect(formatMoney(1500, jpy)).toBe("￥1,500")
    expect(formatMoney(5.125, kwd)).toBe("KWD 5.125")
    expect(formatMoney(undefined, usd)).toBe("$0.00")
    expect(formatMoney(Number.NaN, usd)).toBe("–")
  })

  it("offers the exact amount and the next round amounts a customer hands over", () => {
    expect(quickCashAmounts(92.61, 2)).toEqual([92.61, 93, 95, 100])
    expect(quickCashAmounts(20, 2)).toEqual([20, 25, 30, 40])
    expect(quickCashAmounts(0.1 + 0.2, 2)).toEqual([0.3, 1, 5, 10])
    expect(quickCashAmounts(1480, 0)).toEqual([1480, 1485, 1490, 1500])
    expect(quickCashAmounts(0, 2)).toEqual([])
  })
})
