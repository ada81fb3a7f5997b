import type { RoutingTrace } from "./types"

/** The API's own words: Medusa answers `{message}` on 4xx, the SDK puts it on the error. */
export function errorMessage(error: unknown): string {
  if (!error) {
    return ""
  }
  const message = (error as { message?: unknown }).message
  return typeof message === "string" && message ? message : "Something went wrong; try again."
}

export const km = (value: number | null | undefined) =>
  value === null || value === undefined ? "–" : `${value.toLocaleString(undefined, { maximumFractionDigits: 1 })} km`

export const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? "–" : `${(value * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })}%`

export const dateTime = (value: string | null | undefined) =>
  value ? new Date(value).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "–"

/** How the engine found the allocation, in words. */
export const METHOD_TEXT: Record<RoutingTrace["method"], string> = {
  single_node: "one shipment",
  fewest_shipments: "split over the fewest shipments",
  none: "no node could send it",
}

const list = (names: string[]) => (names.length ? names.join(", ") : "none")

/**
 * The trace as sentences for a person: which nodes were considered, what each
 * rule kept or dropped (and why), how the rankers scored them, who won.
 */
export function traceSentences(trace: RoutingTrace, nameOf: (nodeId: string) => string): string[] {
  const sentences: string[] = []
  const candidates = trace.candidates ?? []
  const considered = `Considered ${candidates.length} node${candidates.length === 1 ? "" : "s"}: ${list(
    candidates.map((c) => `${c.name}${c.distance_km !== null && c.distance_km !== undefined ? ` (${km(c.distance_km)})` : ""}`)
  )}`
  const left = [
    trace.skipped_without_stock ? `${trace.skipped_without_stock} holding none of the order left out` : "",
    trace.partial_holders ? `${trace.partial_holders} holding only part of it not ranked` : "",
  ].filter(Boolean)
  sentences.push(`${considered}${left.length ? `; ${left.join(", ")}` : ""}.`)
  for (const step of trace.steps ?? []) {
    if (step.kind === "filter") {
      const dropped = step.dropped.map((d) => `${nameOf(d.node_id)} (${d.reason})`)
      sentences.push(
        `Rule ${step.rule} kept ${step.kept.length} node${step.kept.length === 1 ? "" : "s"}: ${list(step.kept.map(nameOf))}${
          dropped.length ? `; dropped ${dropped.join(", ")}` : ""
        }.`
      )
    } else {
      const scores = Object.entries(step.scores ?? {})
        .sort(([a, x], [b, y]) => x - y || a.localeCompare(b))
        .map(([id, score]) => `${nameOf(id)} ${score >= Number.MAX_SAFE_INTEGER ? "unknown" : Number(score.toFixed(2))}`)
      sentences.push(`Rule ${step.rule} scored (lower first): ${list(scores)}.`)
    }
  }
  if (trace.ranking?.length) {
    sentences.push(`Ranking: ${trace.ranking.map(nameOf).join(" → ")}.`)
  }
  sentences.push(`Method: ${METHOD_TEXT[trace.method] ?? trace.method}; chosen: ${list((trace.winners ?? []).map(nameOf))}.`)
  return sentences
}
