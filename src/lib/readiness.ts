import { checkGtin } from "./barcode"

/**
 * The go-live readiness check: what a retailer must fix before a store goes
 * live, each problem with the dashboard page that fixes it. The catalogue
 * rules look at every variant, in the database (duplicates and check digits
 * are aggregated in SQL, never compared in memory); the store rules look at
 * each active store, or at one. The rules, their wording and the report are here (pure); the
 * checks against the database are checkReadiness (src/workflows/readiness/utils/check-readiness.ts).
 */

export type ReadinessSeverity = "error" | "warning"

export type ReadinessRuleId =
  | "duplicate_sku"
  | "duplicate_barcode"
  | "invalid_gtin"
  | "missing_price"
  | "missing_from_pos_channel"
  | "store_coordinates"
  | "store_opening_hours"
  | "store_staff"
  | "store_manager"
  | "store_registers"
  | "register_reader"
  | "store_tax_region"
  | "store_region"
  | "location_stock"

export type ReadinessProblem = {
  rule: ReadinessRuleId
  severity: ReadinessSeverity
  message: string
  store_id: string | null
  resource_type: string
  resource_id: string | null
  /** the dashboard page that fixes it */
  link: string
}

export type ReadinessReport = {
  ready: boolean
  checked_at: string
  /** the stores whose store rules ran */
  stores: { id: string; name: string; code: string }[]
  /** stores left out because they are disabled (only active stores go live) */
  skipped_stores: { id: string; name: string; code: string; reason: string }[]
  /** `problems`: how many the rule found; `truncated`: how many of them the report leaves out */
  rules: { id: ReadinessRuleId; label: string; severity: ReadinessSeverity; problems: number; truncated: number }[]
  problems: ReadinessProblem[]
}

/** The most problems one rule lists; the rule's `problems` still counts them all. */
export const MAX_PROBLEMS_PER_RULE = 200

export const READINESS_RULES: { id: ReadinessRuleId; label: string; severity: ReadinessSeverity }[] = [
  { id: "duplicate_sku", label: "SKUs are unique, ignoring case and surrounding spaces", severity: "error" },
  { id: "duplicate_barcode", label: "A barcode, EAN or UPC names one variant only", severity: "error" },
  { id: "invalid_gtin", label: "Barcodes, EANs and UPCs are valid GTINs", severity: "error" },
  { id: "missing_price", label: "Variants sold at a store have a price in its currency", severity: "error" },
  { id: "missing_from_pos_channel", label: "Products sold online at a store are in its POS sales channel", severity: "error" },
  { id: "store_coordinates", label: "Stores have coordinates", severity: "error" },
  { id: "store_opening_hours", label: "Stores have opening hours", severity: "error" },
  { id: "store_staff", label: "Stores have active staff", severity: "error" },
  { id: "store_manager", label: "Stores have an active manager", severity: "error" },
  { id: "store_registers", label: "Stores have an active register", severity: "error" },
  { id: "register_reader", label: "Registers have a Stripe Terminal reader", severity: "warning" },
  { id: "store_tax_region", label: "Stores' countries have a tax region", severity: "error" },
  { id: "store_region", label: "A region sells in each store's currency", severity: "error" },
  { id: "location_stock", label: "Stores' stock locations hold stock", severity: "error" },
]

export const SEVERITY = Object.fromEntries(READINESS_RULES.map((r) => [r.id, r.severity])) as Record<ReadinessRuleId, ReadinessSeverity>

/** Pages of Medusa's dashboard (2.x routes) and of the plugin's, under /app. */
export const dashboardLink = {
  variant: (productId: string | null, variantId: string) =>
    productId ? `/app/products/${encodeURIComponent(productId)}/variants/${encodeURIComponent(variantId)}` : "/app/products",
  productPrices: (productId: string) => `/app/products/${encodeURIComponent(productId)}/prices`,
  productSalesChannels: (productId: string) => `/app/products/${encodeURIComponent(productId)}/sales-channels`,
  store: (storeId: string) => `/app/pos-stores/${encodeURIComponent(storeId)}`,
  taxRegions: () => "/app/settings/tax-regions",
  regions: () => "/app/settings/regions",
  location: (locationId: string) => `/app/settings/locations/${encodeURIComponent(locationId)}`,
}

export const FIELD_NAMES = { barcode: "barcode", ean: "EAN", upc: "UPC" } as const
const ARTICLE = { barcode: "a", ean: "an", upc: "a" } as const
export type CodeField = keyof typeof FIELD_NAMES

/**
 * What is wrong with one barcode, EAN or UPC value, in words, or null. A
 * barcode may be any symbology (Code 128 holds letters), but one that looks
 * like a GTIN (8, 12, 13 or 14 digits) must carry the right GS1 check digit;
 * an EAN or UPC must be exactly a GTIN (the till matches codes exactly, so
 * spaces around one make it unscannable).
 */
export function gtinFieldProblem(field: CodeField, value: string | null | undefined): string | null {
  if (value == null || value.trim() === "") {
    return null
  }
  const name = FIELD_NAMES[field]
  const trimmed = value.trim()
  const digitsOnly = /^\d+$/.test(trimmed)
  const gtinLength = [8, 12, 13, 14].includes(trimmed.length)
  if (field !== "barcode") {
    if (!digitsOnly) {
      return `${name} "${value}" is not a GTIN: ${ARTICLE[field]} ${name} has digits only`
    }
    if (!gtinLength) {
      return `${name} ${trimmed} has ${trimmed.length} digits; ${ARTICLE[field]} ${name} has 8, 12, 13 or 14`
    }
    if (trimmed !== value) {
      return `${name} "${value}" has spaces around it, so no scan matches it`
    }
  }
  if (!digitsOnly || !gtinLength) {
    return null
  }
  const verdict = checkGtin(trimmed)
  return verdict.valid ? null : `${name} ${trimmed} has a wrong check digit (${verdict.reason})`
}

/** Opening hours as the store keeps them (`{ mon: [["09:00", "18:00"]], … }`): some day has a time range. */
export function hasOpeningHours(openingHours: unknown): boolean {
  if (!openingHours || typeof openingHours !== "object") {
    return false
  }
  return Object.values(openingHours as Record<string, unknown>).some((ranges) => Array.isArray(ranges) && ranges.length > 0)
}

/** A store as the store rules read it. */
export type StoreForReadiness = {
  id: string
  name: string
  code: string
  latitude: number | null
  longitude: number | null
  opening_hours: unknown
  registers: { id: string; name: string; is_active: boolean; stripe_reader_id: string | null }[]
  memberships: { role: string; staff_active: boolean }[]
}

/** The store rules that need nothing but the store's own records (coordinates, hours, staff, registers, readers). */
export function storeRecordProblems(store: StoreForReadiness, options: { card_readers: boolean }): ReadinessProblem[] {
  const problems: ReadinessProblem[] = []
  const at = `${store.name} (${store.code})`
  const add = (rule: ReadinessRuleId, message: string, resource = { type: "pos_store", id: store.id as string | null }) =>
    problems.push({
      rule,
      severity: SEVERITY[rule],
      message,
      store_id: store.id,
      resource_type: resource.type,
      resource_id: resource.id,
      link: dashboardLink.store(store.id),
    })

  const validCoordinate = (value: number | null, limit: number) =>
    typeof value === "number" && Number.isFinite(value) && Math.abs(value) <= limit
  if (!validCoordinate(store.latitude, 90) || !validCoordinate(store.longitude, 180)) {
    add("store_coordinates", `${at} has no coordinates: routing and pickup search cannot place it`)
  }
  if (!hasOpeningHours(store.opening_hours)) {
    add("store_opening_hours", `${at} has no opening hours: customers cannot see when to pick up`)
  }
  const active = store.memberships.filter((m) => m.staff_active)
  if (!active.length) {
    add("store_staff", `${at} has no active staff member: nobody can sign in at its tills`)
  }
  if (!active.some((m) => m.role === "manager")) {
    add("store_manager", `${at} has no active manager: nobody can approve voids, refunds or cash variances`)
  }
  const registers = store.registers.filter((r) => r.is_active)
  if (!registers.length) {
    add("store_registers", `${at} has no active register: nothing can be sold at its counter`)
  }
  if (options.card_readers) {
    for (const register of registers.filter((r) => !r.stripe_reader_id)) {
      add("register_reader", `Register ${register.name} of ${at} has no card reader: it takes cash only`, {
        type: "pos_register",
        id: register.id,
      })
    }
  }
  return problems
}

export type RuleFindings = { rule: ReadinessRuleId; problems: ReadinessProblem[]; total?: number }

/**
 * The report's rule rows and problem list from what each rule found: at most
 * MAX_PROBLEMS_PER_RULE problems per rule, the rest counted as truncated.
 * Ready when no problem is an error, counting those left out.
 */
export function summarizeReadiness(findings: RuleFindings[]) {
  const byRule = new Map<ReadinessRuleId, { problems: ReadinessProblem[]; total: number }>()
  for (const { rule, problems, total } of findings) {
    const entry = byRule.get(rule) ?? { problems: [], total: 0 }
    entry.problems.push(...problems)
    entry.total += Math.max(total ?? problems.length, problems.length)
    byRule.set(rule, entry)
  }
  const rules: ReadinessReport["rules"] = []
  const problems: ReadinessProblem[] = []
  for (const rule of READINESS_RULES) {
    const entry = byRule.get(rule.id) ?? { problems: [], total: 0 }
    const shown = entry.problems.slice(0, MAX_PROBLEMS_PER_RULE)
    problems.push(...shown)
    rules.push({ ...rule, problems: entry.total, truncated: entry.total - shown.length })
  }
  const ready = rules.every((rule) => rule.severity !== "error" || rule.problems === 0)
  return { ready, rules, problems }
}

/** The report as lines of text: a summary, then one line per problem with its link. */
export function formatReadinessReport(report: ReadinessReport, baseUrl = ""): string {
  const count = (severity: ReadinessSeverity) =>
    report.rules.filter((r) => r.severity === severity).reduce((n, r) => n + r.problems, 0)
  const lines = [
    `Go-live readiness, ${report.checked_at}: ${report.ready ? "READY" : "NOT READY"}`,
    `Stores checked: ${report.stores.map((s) => `${s.code} (${s.name})`).join(", ") || "none"}`,
  ]
  for (const store of report.skipped_stores) {
    lines.push(`Skipped: ${store.code} (${store.name}), ${store.reason}`)
  }
  lines.push("")
  for (const rule of report.rules) {
    const mark = rule.problems === 0 ? "ok  " : rule.severity === "error" ? "FAIL" : "WARN"
    const extra = rule.truncated ? `, ${rule.truncated} not listed` : ""
    lines.push(`${mark} ${rule.id}: ${rule.label}${rule.problems ? ` (${rule.problems}${extra})` : ""}`)
  }
  if (report.problems.length) {
    lines.push("")
    for (const problem of report.problems) {
      lines.push(`${problem.severity === "error" ? "ERROR  " : "WARNING"} [${problem.rule}] ${problem.message} → ${baseUrl}${problem.link}`)
    }
    for (const rule of report.rules.filter((r) => r.truncated)) {
      lines.push(`…and ${rule.truncated} more [${rule.id}] problems`)
    }
  }
  lines.push("", `${count("error")} errors, ${count("warning")} warnings`)
  return lines.join("\n")
}

// ---------------------------------------------------------------------------
