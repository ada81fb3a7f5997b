import { addLine, lineOf, offlineTotals, policyRefusal, setQuantity } from "../offline-sale"

const tee = { id: "v1", sku: "TEE", barcode: "200", ean: null, upc: null, title: "M", product_title: "Tee", price: 28, tax_rate: 10.25 }
const cap = { ...tee, id: "v2", sku: "CAP", title: "OS", product_title: "Cap", price: 32 }
const money = (n: number) => `$${n.toFixed(2)}`

describe("a sale rung up offline", () => {
  it("adds the same item to its line, changes and removes lines", () => {
    let lines = addLine([], lineOf(tee, "200"))
    lines = addLine(lines, lineOf(cap, "CAP"))
    lines = addLine(lines, lineOf(tee, "TEE"))
    expect(lines.map((l) => [l.title, l.quantity])).toEqual([
      ["Tee – M", 2],
      ["Cap – OS", 1],
    ])
    expect(setQuantity(lines, "v2", 0).map((l) => l.variant_id)).toEqual(["v1"])
    expect(setQuantity(lines, "v1", 5)[0].quantity).toBe(5)
  })

  it("totals in whole cents, tax rounded per line as the server's total would be", () => {
    const lines = [{ ...lineOf(tee, "200"), quantity: 2 }, lineOf(cap, "CAP")]
    // 56 × 10.25% = 5.74; 32 × 10.25% = 3.28
    expect(offlineTotals(lines, 2)).toEqual({ subtotal: 88, tax: 9.02, total: 97.02 })
    expect(offlineTotals([], 2)).toEqual({ subtotal: 0, tax: 0, total: 0 })
    expect(offlineTotals([{ ...lineOf({ ...tee, price: 0.1 }, null), quantity: 3 }], 2).subtotal).toBe(0.3)
  })

  it("takes tax out of a tax-inclusive price instead of adding it", () => {
    const vat = { ...tee, price: 24, tax_rate: 20, tax_inclusive: true }
    expect(offlineTotals([{ ...lineOf(vat, null), quantity: 2 }], 2)).toEqual({ subtotal: 40, tax: 8, total: 48 })
  })

  it("follows the offline policy: its tenders, and its cap before tax", () => {
    const policy = { tenders_allowed: ["cash"], max_sale_amount: 500 }
    expect(policyRefusal({ subtotal: 500, tax: 51.25, total: 551.25 }, policy, "cash", money)).toBeNull()
    expect(policyRefusal({ subtotal: 500.01, tax: 0, total: 500.01 }, policy, "cash", money)).toContain("limited to $500.00 before tax")
    expect(policyRefusal({ subtotal: 10, tax: 0, total: 10 }, policy, "card", money)).toContain("cash only")
    const limited = { ...policy, max_line_quantity: 999, max_sale_lines: 1 }
    const two = [lineOf(tee, null), lineOf(cap, null)]
    expect(policyRefusal({ subtotal: 60, tax: 0, total: 60 }, limited, "cash", money, two)).toContain("at most 1 lines")
    expect(policyRefusal({ subtotal: 1, tax: 0, total: 1 }, limited, "cash", money, [{ ...lineOf(tee, null), quantity: 1000 }])).toContain("at most 999 units")
  })
})
