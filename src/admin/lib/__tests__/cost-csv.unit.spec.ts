import { parseCostCsv } from "../cost-csv"

describe("a unit-cost file", () => {
  it("reads SKUs and costs, quoted cells and semicolons", () => {
    expect(parseCostCsv('sku,cost\r\nNW-TEE-BLA-M,10.50\r\n"NW-CAP,NAV",$8\r\nNW-BNE-BLA-OS,0\r\n')).toEqual({
      rows: [
        { sku: "NW-TEE-BLA-M", amount: 10.5 },
        { sku: "NW-CAP,NAV", amount: 8 },
        { sku: "NW-BNE-BLA-OS", amount: 0 },
      ],
      errors: [],
    })
    expect(parseCostCsv("variant_id;unit_cost\nvariant_1;3").rows).toEqual([{ variant_id: "variant_1", amount: 3 }])
  })

  it("names the lines it cannot read instead of guessing", () => {
    expect(parseCostCsv("sku,cost\nA,1\nA,2\nB,ten\n,4\nC,").errors).toEqual([
      "Line 3: A appears twice",
      'Line 4: B has the cost "ten", not a number such as 12.50',
      "Line 5: no sku",
      "Line 6: C has no cost; write one (0 is a cost), or leave the line out",
    ])
    expect(parseCostCsv("name,price\nA,1").errors).toEqual(["The first row names the columns: sku (or variant_id) and cost"])
  })
})
