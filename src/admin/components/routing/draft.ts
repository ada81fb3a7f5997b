import type { RuleSet } from "./types"

/** One rule of the draft as the editor holds it: options as typed values or as JSON text being edited. */
export type DraftRule = {
  key: string
  id: string
  options: Record<string, unknown> | undefined
  /** set while the options are edited as JSON (also when they are not a flat object of numbers, text or switches) */
  json: string | null
}

export type Draft = {
  version: string
  rules: DraftRule[]
  allow_split_line: boolean
  /** text of the inputs, checked on use */
  safety_default: string
  safety_nodes: Record<string, string>
}

let keys = 0
const nextKey = () => `rule-${++keys}`

/** Options the editor shows as typed fields: a flat object of numbers, text and switches. */
export const isSimpleOptions = (options: Record<string, unknown> | undefined) =>
  !options || Object.values(options).every((v) => ["number", "string", "boolean"].includes(typeof v))

export function draftRule(id: string, options?: Record<string, unknown>): DraftRule {
  return { key: nextKey(), id, options, json: isSimpleOptions(options) ? null : JSON.stringify(options, null, 2) }
}

const pad = (n: number) => String(n).padStart(2, "0")

/** A version name for the next rule set: recorded with every decision, so each published set gets its own. */
export function nextVersion(current: string, now = new Date()): string {
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`
  const version = `rules-${stamp}`
  return version === current ? `${version}-b` : version
}

export function toDraft(ruleSet: RuleSet): Draft {
  return {
    version: nextVersion(ruleSet.version),
    rules: ruleSet.rules.map((r) => draftRule(r.id, r.options)),
    allow_split_line: !!ruleSet.allow_split_line,
    safety_default: ruleSet.safety_stock?.default !== undefined ? String(ruleSet.safety_stock.default) : "",
    safety_nodes: Object.fromEntries(Object.entries(ruleSet.safety_stock?.nodes ?? {}).map(([k, v]) => [k, String(v)])),
  }
}

/** A JSON options text's value, or the problem with it in words. */
export function parseOptions(text: string): { options?: Record<string, unknown>; error?: string } {
  if (!text.trim()) {
    return { options: undefined }
  }
  try {
    const value = JSON.parse(text)
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return { error: "Options are a JSON object, such as {\"radius_km\": 50}" }
    }
    return { options: value }
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` }
  }
}

const units = (text: string, label: string): { value?: number; error?: string } => {
  if (!text.trim()) {
    return {}
  }
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0 || value > 100_000) {
    return { error: `${label}: a whole number of units, from 0 to 100,000` }
  }
  return { value }
}

/** The draft as the API takes it, or the problems to fix first (each naming where). */
export function fromDraft(draft: Draft, nodeName: (id: string) => string = (id) => id): { rule_set?: RuleSet; errors: string[] } {
  const errors: string[] = []
  if (!draft.version.trim()) {
    errors.push("Give the rule set a version name: every decision records it.")
  } else if (draft.version.trim().length > 100) {
    errors.push("The version name has at most 100 characters.")
  }
  if (!draft.rules.length) {
    errors.push("A rule set needs at least one rule.")
  }
  const rules = draft.rules.map((rule, index) => {
    if (rule.json === null) {
      return { id: rule.id, ...(rule.options && Object.keys(rule.options).length ? { options: rule.options } : {}) }
    }
    const parsed = parseOptions(rule.json)
    if (parsed.error) {
      errors.push(`Rule ${index + 1} (${rule.id}): ${parsed.error}`)
    }
    return { id: rule.id, ...(parsed.options && Object.keys(parsed.options).length ? { options: parsed.options } : {}) }
  })
  for (const rule of draft.rules) {
    for (const [key, value] of Object.entries(rule.json === null ? rule.options ?? {} : {})) {
      if (typeof value === "number" && Number.isNaN(value)) {
        errors.push(`Rule ${rule.id}: ${key} is a number`)
      }
    }
  }
  const safetyDefault = units(draft.safety_default, "Safety stock default")
  const nodes: Record<string, number> = {}
  for (const [nodeId, text] of Object.entries(draft.safety_nodes)) {
    const parsed = units(text, `Safety stock at ${nodeName(nodeId)}`)
    if (parsed.error) {
      errors.push(parsed.error)
    } else if (parsed.value !== undefined) {
      nodes[nodeId] = parsed.value
    }
  }
  if (safetyDefault.error) {
    errors.push(safetyDefault.error)
  }
  const safety_stock = {
    ...(safetyDefault.value !== undefined ? { default: safetyDefault.value } : {}),
    ...(Object.keys(nodes).length ? { nodes } : {}),
  }
  if (errors.length) {
    return { errors }
  }
  return {
    errors,
    rule_set: {
      version: draft.version.trim(),
      rules,
      allow_split_line: draft.allow_split_line,
      ...(Object.keys(safety_stock).length ? { safety_stock } : {}),
    },
  }
}

/** Whether the draft says the same as a rule set (the version aside). */
export function sameRules(a: RuleSet, b: RuleSet) {
  const norm = (r: RuleSet) =>
    JSON.stringify({
      rules: r.rules.map((x) => ({ id: x.id, options: x.options && Object.keys(x.options).length ? x.options : undefined })),
      allow_split_line: !!r.allow_split_line,
      default: r.safety_stock?.default,
      nodes: Object.entries(r.safety_stock?.nodes ?? {}).sort(),
    })
  return norm(a) === norm(b)
}
