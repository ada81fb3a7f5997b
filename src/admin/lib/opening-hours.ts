/** "09:00-18:00, 19:00-21:00" → [["09:00","18:00"],["19:00","21:00"]]; empty or "closed" → []; null when unreadable. */
export function parsePeriods(text: string): [string, string][] | null {
  const trimmed = text.trim()
  if (!trimmed || /^closed$/i.test(trimmed)) {
    return []
  }
  const periods: [string, string][] = []
  for (const part of trimmed.split(",")) {
    const match = part.trim().match(/^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/)
    if (!match) {
      return null
    }
    const pad = (h: string, m: string) => `${h.padStart(2, "0")}:${m}`
    periods.push([pad(match[1], match[2]), pad(match[3], match[4])])
  }
  return periods
}

export function formatPeriods(periods: [string, string][] | undefined): string {
  return periods?.length ? periods.map(([open, close]) => `${open}–${close}`).join(", ") : ""
}
