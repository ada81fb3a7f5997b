import { addDays, isCalendarDay, isTimeZone, resolveReportRange, todayIn } from "../report-range"

describe("the scorecard's range", () => {
  it("knows calendar days and time zones", () => {
    expect(isCalendarDay("2026-02-28")).toBe(true)
    expect(isCalendarDay("2026-02-29")).toBe(false)
    expect(isCalendarDay("2028-02-29")).toBe(true)
    expect(isCalendarDay("2026-2-1")).toBe(false)
    expect(isCalendarDay("0000-01-01")).toBe(false)
    expect(isTimeZone("Europe/Paris")).toBe(true)
    expect(isTimeZone("Mars/Olympus")).toBe(false)
  })

  it("counts days across month ends and a DST change", () => {
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30")
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31")
    // 23:30 UTC on 3 December is already the 4th in Auckland
    expect(todayIn("Pacific/Auckland", new Date("2026-12-03T23:30:00Z"))).toBe("2026-12-04")
    expect(todayIn("America/Chicago", new Date("2026-12-04T03:00:00Z"))).toBe("2026-12-03")
  })

  it("defaults to the 30 days ending today and refuses reversed or over-long ranges", () => {
    const now = new Date("2026-12-04T12:00:00Z")
    expect(resolveReportRange({}, "UTC", now)).toEqual({ from: "2026-11-05", to: "2026-12-04" })
    expect(resolveReportRange({ from: "2026-01-01" }, "UTC", now)).toEqual({ from: "2026-01-01", to: "2026-01-30" })
    expect(resolveReportRange({ to: "2026-03-01" }, "UTC", now)).toEqual({ from: "2026-01-31", to: "2026-03-01" })
    expect(resolveReportRange({ from: "2026-12-05", to: "2026-12-04" }, "UTC", now)).toEqual({ error: "from (2026-12-05) is after to (2026-12-04)" })
    expect(resolveReportRange({ from: "2025-01-01", to: "2026-01-01" }, "UTC", now)).toEqual({ from: "2025-01-01", to: "2026-01-01" })
    expect(resolveReportRange({ from: "2025-01-01", to: "2026-01-02" }, "UTC", now)).toEqual({ error: "A report covers at most 366 days; 2025-01-01 to 2026-01-02 is 367" })
  })
})
