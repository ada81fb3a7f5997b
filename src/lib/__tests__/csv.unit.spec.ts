import { csvCell, csvRow, flattenToRows } from "../csv"

describe("CSV for spreadsheets", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvCell("plain")).toBe("plain")
    expect(csvCell('a"b')).toBe('"a""b"')
    expect(csvCell("a,b")).toBe('"a,b"')
    expect(csvCell("two\nlines")).toBe('"two\nlines"')
    expect(csvCell("=1+1")).toBe("'=1+1")
    expect(csvCell("+1")).toBe("'+1")
    expect(csvCell("-5")).toBe("'-5")
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)")
    expect(csvCell("\tx")).toBe("'\tx")
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`)
    expect(csvCell(null)).toBe("")
    expect(csvCell(undefined)).toBe("")
    expect(csvCell(new Date("2026-12-04T15:00:00Z"))).toBe("2026-12-04T15:00:00.000Z")
    expect(csvCell({ reason: "a,b" })).toBe('"{""reason"":""a,b""}"')
    expect(csvRow(["a", 1, null])).toBe("a,1,\r\n")
  })

  it("writes numbers as numbers, a negative one included, and never a formula guard on them", () => {
    expect(csvCell(-0.05)).toBe("-0.05")
    expect(csvCell(1234.5)).toBe("1234.5")
    expect(csvCell(Number.NaN)).toBe("")
    // text that looks like a negative number is still text a spreadsheet could run
    expect(csvCell("-0.05")).toBe("'-0.05")
  })

  it("flattens a report into one row per value, naming list entries by their identity", () => {
    expect(
      flattenToRows({
        orders: 2,
        by_channel: { store: { net_sales: 10.5 } },
        series: [{ bucket: "2026-12-01", orders: 1 }],
        staff: [{ store_id: "str_1", staff_id: "stf_1", voids: 0 }],
        nodes: [{ node_id: "str_1", kind: "pickup", tasks: 1 }, { node_id: "str_1", kind: "ship", tasks: 2 }],
        basket: [{ products: [{ id: "p1" }, { id: "p2" }], orders: 3 }],
        plain: [4, 5],
        aov: null,
      })
    ).toEqual([
      ["orders", 2],
      ["by_channel.store.net_sales", 10.5],
      ["series[2026-12-01].bucket", "2026-12-01"],
      ["series[2026-12-01].orders", 1],
      ["staff[str_1/stf_1].store_id", "str_1"],
      ["staff[str_1/stf_1].staff_id", "stf_1"],
      ["staff[str_1/stf_1].voids", 0],
      ["nodes[str_1/pickup].node_id", "str_1"],
      ["nodes[str_1/pickup].kind", "pickup"],
      ["nodes[str_1/pickup].tasks", 1],
      ["nodes[str_1/ship].node_id", "str_1"],
      ["nodes[str_1/ship].kind", "ship"],
      ["nodes[str_1/ship].tasks", 2],
      ["basket[p1+p2].products[p1].id", "p1"],
      ["basket[p1+p2].products[p2].id", "p2"],
      ["basket[p1+p2].orders", 3],
      ["plain[0]", 4],
      ["plain[1]", 5],
      ["aov", null],
    ])
  })
})
