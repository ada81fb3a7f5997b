import { currentConsents, DEFAULT_CONSENT_WORDING, profileSections, type ConsentRow } from "../customers/consent"

const row = (purpose: string, granted: boolean, at: string, over: Partial<ConsentRow> = {}): ConsentRow => ({
  purpose,
  granted,
  source: "storefront",
  recorded_by_type: "customer",
  recorded_by: "cus_1",
  wording: `shown for ${purpose}`,
  created_at: at,
  ...over,
})

describe("currentConsents: what holds now per purpose", () => {
  it("takes each purpose's latest change, in any order, and says never asked ones are not granted, with today's wording", () => {
    const states = currentConsents([
      row("purchase_history", false, "2026-12-02T10:00:00Z", { source: "till" }),
      row("purchase_history", true, "2026-12-01T10:00:00Z"),
      row("browsing_history", true, "2026-12-01T10:00:00Z"),
    ])
    expect(states).toEqual([
      { purpose: "purchase_history", granted: false, changed_at: "2026-12-02T10:00:00.000Z", source: "till", wording: "shown for purchase_history" },
      { purpose: "recommendations", granted: false, changed_at: null, source: null, wording: DEFAULT_CONSENT_WORDING.recommendations },
      { purpose: "browsing_history", granted: true, changed_at: "2026-12-01T10:00:00.000Z", source: "storefront", wording: "shown for browsing_history" },
      { purpose: "marketing_contact", granted: false, changed_at: null, source: null, wording: DEFAULT_CONSENT_WORDING.marketing_contact },
    ])
  })
  it("takes the database's order when two changes share their time (a withdrawal and a grant in the same millisecond)", () => {
    const at = "2026-12-03T10:00:00.000Z"
    const states = currentConsents([row("browsing_history", false, at, { seq: 8 }), row("browsing_history", true, at, { seq: 7 })])
    expect(states.find((s) => s.purpose === "browsing_history")!.granted).toBe(false)
    const again = currentConsents([row("browsing_history", true, at, { seq: 9 }), row("browsing_history", false, at, { seq: 8 })])
    expect(again.find((s) => s.purpose === "browsing_history")!.granted).toBe(true)
  })
  it("ignores purposes it does not know", () => {
    expect(currentConsents([row("everything", true, "2026-12-01T10:00:00Z")]).every((s) => !s.granted)).toBe(true)
  })
})

describe("profileSections: what the till's panel may show", () => {
  it("hides everything but what the sale needs without consent, saying why", () => {
    const sections = profileSections(currentConsents([]))
    expect(sections).toMatchObject({ purchases: false, notes: false, views: false, recommendations: false })
    expect(sections.hidden.map((h) => h.section)).toEqual(["purchases", "notes", "views", "recommendations"])
    expect(sections.hidden[2].reason).toBe("Recently viewed products are hidden: the customer has not agreed to browsing history")
  })
  it("shows purchases and notes with purchase_history, views with browsing_history, suggestions with recommendations", () => {
    const at = "2026-12-01T10:00:00Z"
    expect(profileSections(currentConsents([row("purchase_history", true, at)]))).toMatchObject({ purchases: true, notes: true, views: false, recommendations: false })
    expect(profileSections(currentConsents([row("browsing_history", true, at)]))).toMatchObject({ purchases: false, views: true })
    expect(profileSections(currentConsents([row("recommendations", true, at), row("marketing_contact", true, at)]))).toMatchObject({
      recommendations: true,
      purchases: false,
    })
  })
})
