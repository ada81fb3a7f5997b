import { formatPeriods, parsePeriods } from "../opening-hours"

describe("opening hours as a manager types them", () => {
  it("reads periods, closed days and unreadable text", () => {
    expect(parsePeriods("9:00-18:00")).toEqual([["09:00", "18:00"]])
    expect(parsePeriods(" 09:00 – 13:00, 14:00-20:30 ")).toEqual([["09:00", "13:00"], ["14:00", "20:30"]])
    expect(parsePeriods("")).toEqual([])
    expect(parsePeriods("Closed")).toEqual([])
    expect(parsePeriods("nine to five")).toBeNull()
    expect(parsePeriods("09:00")).toBeNull()
  })

  it("writes them back the same way", () => {
    expect(formatPeriods([["09:00", "13:00"], ["14:00", "20:30"]])).toBe("09:00–13:00, 14:00–20:30")
    expect(formatPeriods([])).toBe("")
    expect(formatPeriods(undefined)).toBe("")
    expect(parsePeriods(formatPeriods([["07:30", "22:00"]]))).toEqual([["07:30", "22:00"]])
  })
})
