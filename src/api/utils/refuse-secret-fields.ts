import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * PIN hashes are never returned: a `fields` query naming `pin_hash`, or asking
 * for every field of memberships, is refused before it reaches the query.
 */
export function refuseSecretFields(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const fields = String((req.query as Record<string, unknown>).fields ?? "")
  if (/pin_hash|\*memberships|memberships\.\*/.test(fields)) {
    return next(
      new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "fields: PIN hashes are never returned; name the membership fields you need (id, role, staff_id, store_id)"
      )
    )
  }
  next()
}
