import { gtinCheckDigit } from "../barcode"
import {
  formatReadinessReport,
  gtinFieldProblem,
  hasOpeningHours,
  MAX_PROBLEMS_PER_RULE,
  READINESS_RULES,
  storeRecordProblems,
  summarizeReadiness,
  type ReadinessProblem,
  type StoreForReadiness,
} from "../readiness"

describe("GS1 check digits (the rule the readiness check and its SQL apply)", () => {
  it.each([
    ["4006381333931", "EAN-13"],
    ["036000291452", "UPC-A"],
    ["96385074", "EAN-8"],
    ["10012345678902", "GTIN-14"],
    ["2000010001002", "the demo's EAN-13"],
  ])("%s (%s) carries the right check digit", (code) => {
    expect(gtinCheckDigit(code.slice(0, -1))).toBe(Number(code.slice(-1)))
    for (const field of ["barcode", "ean", "upc"] as const) {
      expect(gtinFieldProblem(field, code)).toBeNull()
    }
  })

  it.each([
    ["4006381333932", "2, it should be 1"],
    ["036000291453", "3, it should be 2"],
    ["96385075", "5, it should be 4"],
    ["10012345678901", "1, it should be 2"],
  ])("%s has a wrong check digit, in every field", (code, says) => {
    for (const field of ["barcode", "ean", "upc"] as const) {
      expect(gtinFieldProblem(field, code)).toContain(`wrong check digit (the check digit is ${says})`)
    }
  })
})

describe("gtinFieldProblem", () => {
  it.each([
    ["barcode", null, null],
    ["ean", "", null],
    ["upc", "   ", null],
    // a barcode may be any symbology: letters, or digits of a length no GTIN has
    ["barcode", "NW-TEE-BLA-M", null],
    ["barcode", "12345", null],
    ["barcode", " 4006381333931 ", null],
    ["barcode", " 4006381333932", "wrong check digit"],
    ["ean", "NW-TEE", 'EAN "NW-TEE" is not a GTIN: an EAN has digits only'],
    ["upc", "12345", "UPC 12345 has 5 digits; a UPC has 8, 12, 13 or 14"],
    ["ean", "40063813339312", "wrong check digit"],
    ["ean", " 4006381333931", 'EAN " 4006381333931" has spaces around it, so no scan matches it'],
  ] as const)("%s %j: %s", (field, value, expected) => {
    const problem = gtinFieldProblem(field, value)
    if (expected === null) {
      expect(problem).toBeNull()
    } else {
      expect(problem).toContain(expected)
    }
  })
})

describe("hasOpeningHours", () => {
  it.each([
    [null, false],
    [{}, false],
    [{ mon: [], tue: [], sun: [] }, false],
    ["09:00-18:00", false],
    [{ mon: [], sat: [["10:00", "14:00"]] }, true],
  ])("%j → %s", (hours, expected) => {
    expect(hasOpeningHours(hours)).toBe(expected)
  })
})

describe("storeRecordProblems", () => {
  const ready: StoreForReadiness = {
    id: "str_1",
    name: "Shop",
    code: "S1",
    latitude: 41.88,
    longitude: -87.63,
    opening_hours: { mon: [["09:00", "18:00"]] },
    registers: [{ id: "preg_1", name: "Till 1", is_active: true, stripe_reader_id: "tmr_1" }],
    memberships: [{ role: "manager", staff_active: true }],
  }
  const rules = (store: StoreForReadiness, card_readers = true) =>
    storeRecordProblems(store, { card_readers }).map((p) => p.rule)

  it("finds nothing wrong with a complete store", () => {
    expect(rules(ready)).toEqual([])
  })

  it.each([
    [{ latitude: null }, ["store_coordinates"]],
    [{ longitude: 200 }, ["store_coordinates"]],
    [{ opening_hours: { mon: [] } }, ["store_opening_hours"]],
    [{ memberships: [] }, ["store_staff", "store_manager"]],
    [{ memberships: [{ role: "manager", staff_active: false }, { role: "associate", staff_active: true }] }, ["store_manager"]],
    [{ registers: [{ id: "preg_1", name: "Till 1", is_active: false, stripe_reader_id: null }] }, ["store_registers"]],
    [{ registers: [{ id: "preg_2", name: "Till 2", is_active: true, stripe_reader_id: null }] }, ["register_reader"]],
  ] as [Partial<StoreForReadiness>, string[]][])("%j → %j", (change, expected) => {
    expect(rules({ ...ready, ...change })).toEqual(expected)
  })

  it("reports registers without a reader only when Stripe Terminal is configured, as warnings naming the register", () => {
    const store = { ...ready, registers: [{ id: "preg_2", name: "Till 2", is_active: true, stripe_reader_id: null }] }
    expect(rules(store, false)).toEqual([])
    expect(storeRecordProblems(store, { card_readers: true })).toEqual([
      expect.objectContaining({
        rule: "register_reader",
        severity: "warning",
        store_id: "str_1",
        resource_type: "pos_register",
        resource_id: "preg_2",
        link: "/app/pos-stores/str_1",
      }),
    ])
  })
})

describe("summarizeReadiness", () => {
  const problem = (rule: ReadinessProblem["rule"], i = 0): ReadinessProblem => ({
    rule,
    severity: READINESS_RULES.find((r) => r.id === rule)!.severity,
    message: `${rule} ${i}`,
    store_id: null,
    resource_type: "product_variant",
    resource_id: `variant_${i}`,
    link: "/app/products",
  })

  it("is ready with no problems, and with warnings only", () => {
    expect(summarizeReadiness([]).ready).toBe(true)
    const summary = summarizeReadiness([{ rule: "register_reader", problems: [problem("register_reader")] }])
    expect(summary.ready).toBe(true)
    expect(summary.rules.find((r) => r.id === "register_reader")).toMatchObject({ problems: 1, truncated: 0 })
  })

  it("is not ready with an error, and lists every rule in order with its count", () => {
    const summary = summarizeReadiness([
      { rule: "store_staff", problems: [problem("store_staff", 1)] },
      { rule: "store_staff", problems: [problem("store_staff", 2)] },
    ])
    expect(summary.ready).toBe(false)
    expect(summary.rules.map((r) => r.id)).toEqual(READINESS_RULES.map((r) => r.id))
    expect(summary.rules.find((r) => r.id === "store_staff")).toMatchObject({ problems: 2, truncated: 0 })
  })

  it("lists at most MAX_PROBLEMS_PER_RULE problems per rule and counts the rest", () => {
    const many = Array.from({ length: 150 }, (_, i) => problem("duplicate_sku", i))
    const summary = summarizeReadiness([
      { rule: "duplicate_sku", problems: many, total: 1000 },
      { rule: "duplicate_sku", problems: many },
      { rule: "invalid_gtin", problems: [problem("invalid_gtin")] },
    ])
    expect(summary.problems.filter((p) => p.rule === "duplicate_sku")).toHaveLength(MAX_PROBLEMS_PER_RULE)
    expect(summary.rules.find((r) => r.id === "duplicate_sku")).toMatchObject({ problems: 1150, truncated: 950 })
    expect(summary.problems.filter((p) => p.rule === "invalid_gtin")).toHaveLength(1)
  })

  it("prints one line per problem with its link, and what was left out", () => {
    const { ready, rules, problems } = summarizeReadiness([
      { rule: "store_tax_region", problems: [{ ...problem("store_tax_region"), link: "/app/settings/tax-regions" }], total: 1 },
      { rule: "duplicate_sku", problems: [problem("duplicate_sku")], total: 201 },
    ])
    const text = formatReadinessReport(
      { ready, rules, problems, checked_at: "2026-12-01T00:00:00.000Z", stores: [{ id: "str_1", name: "Shop", code: "S1" }], skipped_stores: [] },
      "http://localhost:9000"
    )
    expect(text).toContain("NOT READY")
    expect(text).toContain("ERROR   [store_tax_region] store_tax_region 0 → http://localhost:9000/app/settings/tax-regions")
    expect(text).toContain("…and 200 more [duplicate_sku] problems")
    expect(text).toContain("202 errors, 0 warnings")
  })
})
