import { csvCell, csvRow } from "../csv"

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
})
