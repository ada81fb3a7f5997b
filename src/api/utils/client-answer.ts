import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/** Fields of a storage row that no client needs: Medusa's raw amounts, soft-delete marks and secrets' hashes. */
const isStorageField = (key: string) => key.startsWith("raw_") || key === "deleted_at" || key.endsWith("_hash")

/** A copy of an answer without storage fields, at any depth. Values with their own JSON form (dates, BigNumbers) are kept as they are. */
export function withoutStorageFields(value: unknown, depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== "object") {
    return value
  }
  if (Array.isArray(value)) {
    return value.map((item) => withoutStorageFields(item, depth + 1))
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return value
  }
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (!isStorageField(key)) {
      out[key] = withoutStorageFields(item, depth + 1)
    }
  }
  return out
}

/**
 * Every JSON answer of the plugin's routes carries what a client needs, not
 * the storage row (docs: one convention everywhere), whichever route built it.
 */
export function answerWithoutStorageFields(_req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const json = res.json.bind(res)
  res.json = ((body: unknown) => json(withoutStorageFields(body))) as typeof res.json
  next()
}
