/**
 * Consent per purpose, as the clienteling panel and the storefront read it. Pure: the rows come
 * from the database, newest last or in any order.
 */
export const CONSENT_PURPOSES = ["purchase_history", "recommendations", "browsing_history", "marketing_contact"] as const
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number]

export const CONSENT_SOURCES = ["storefront", "till", "dashboard"] as const
export type ConsentSource = (typeof CONSENT_SOURCES)[number]

/** What a customer is shown for each purpose when the client does not say what it showed. */
export const DEFAULT_CONSENT_WORDING: Record<ConsentPurpose, string> = {
  purchase_history: "Staff in our stores may see what you bought online and in every store, and your returns, to help you.",
  recommendations: "We may suggest products to you based on what you bought.",
  browsing_history: "We may keep the products you looked at in our online shop, so staff in our stores can show them to you.",
  marketing_contact: "We may contact you about offers and news.",
}

export type ConsentRow = {
  purpose: string
  granted: boolean
  source: string
  recorded_by_type: string
  recorded_by: string
  store_id?: string | null
  wording: string
  created_at: Date | string
  /** the database's order of changes; the latest of a purpose is its highest (times can tie) */
  seq?: number | null
}

export type ConsentState = {
  purpose: ConsentPurpose
  granted: boolean
  /** when it was last given or withdrawn; null when never asked */
  changed_at: string | null
  source: string | null
  /** the wording the customer was shown then, or today's wording when never asked */
  wording: string
}

/** What holds now for each purpose: its latest change (by `seq`, else by time), or not granted when it was never asked. */
export function currentConsents(rows: ConsentRow[], wording: Record<ConsentPurpose, string> = DEFAULT_CONSENT_WORDING): ConsentState[] {
  const latest = new Map<string, ConsentRow>()
  for (const row of rows) {
    const seen = latest.get(row.purpose)
    const later =
      !seen ||
      (row.seq != null && seen.seq != null ? Number(row.seq) > Number(seen.seq) : new Date(row.created_at).getTime() >= new Date(seen.created_at).getTime())
    if (later) {
      latest.set(row.purpose, row)
    }
  }
  return CONSENT_PURPOSES.map((purpose) => {
    const row = latest.get(purpose)
    return row
      ? { purpose, granted: row.granted, changed_at: new Date(row.created_at).toISOString(), source: row.source, wording: row.wording }
      : { purpose, granted: false, changed_at: null, source: null, wording: wording[purpose] }
  })
}

/** The parts of a customer's profile staff may see, and why each other part is hidden. */
export type ProfileSections = {
  purchases: boolean
  notes: boolean
  views: boolean
  recommendations: boolean
  hidden: { section: "purchases" | "notes" | "views" | "recommendations"; reason: string }[]
}

/**
 * What the till's customer panel shows: purchases, returns, sizes bought and staff notes with
 * `purchase_history`; recently viewed products with `browsing_history`; suggestions with
 * `recommendations`. Name and email, which the sale needs, are always shown.
 */
export function profileSections(states: ConsentState[]): ProfileSections {
  const granted = (purpose: ConsentPurpose) => states.some((s) => s.purpose === purpose && s.granted)
  const hidden: ProfileSections["hidden"] = []
  const section = (name: ProfileSections["hidden"][number]["section"], purpose: ConsentPurpose, what: string) => {
    const shown = granted(purpose)
    if (!shown) {
      hidden.push({ section: name, reason: `${what} hidden: the customer has not agreed to ${purpose.replace("_", " ")}` })
    }
    return shown
  }
  return {
    purchases: section("purchases", "purchase_history", "Purchases, returns and sizes are"),
    notes: section("notes", "purchase_history", "Staff notes are"),
    views: section("views", "browsing_history", "Recently viewed products are"),
    recommendations: section("recommendations", "recommendations", "Suggestions are"),
    hidden,
  }
}
