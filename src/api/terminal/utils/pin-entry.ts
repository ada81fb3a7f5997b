import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { recordAudit } from "../../utils/audit"
import type { TerminalRequest } from "./staff-access"

type PinRefusal = { status: "wrong_pin"; attempts_left: number } | { status: "locked"; locked_until: Date }

/** One PIN entry at a time per requester and store: parallel guesses cannot outrun the lockout count. */
export function oneEntryAtATime<T>(req: TerminalRequest, storeId: string, enter: () => Promise<T>): Promise<T> {
  return req.scope.resolve(Modules.LOCKING).execute(`pos:pin:${storeId}:${req.staff!.id}`, enter)
}

/**
 * A refused PIN: audited (`pin.locked` or `pin.rejected`, with what it was for),
 * then 429 with `Retry-After` while PIN entry is locked, else 400 with the
 * attempts left. `who` names whose PIN was asked for ("no manager of store …").
 */
export async function refusePin(
  req: TerminalRequest,
  res: MedusaResponse,
  input: { store_id: string; for_action: string; who: string },
  result: PinRefusal
) {
  await recordAudit(req, {
    actor_type: "staff",
    actor_id: req.staff!.id,
    store_id: input.store_id,
    action: result.status === "locked" ? "pin.locked" : "pin.rejected",
    data: { for_action: input.for_action },
  })
  if (result.status === "locked") {
    const seconds = Math.max(1, Math.ceil((result.locked_until.getTime() - Date.now()) / 1000))
    res.setHeader("Retry-After", String(seconds))
    return res.status(429).json({
      type: "too_many_attempts",
      message: `Too many wrong PINs: PIN entry is locked for staff member ${req.staff!.id} at store ${input.store_id} until ${result.locked_until.toISOString()}`,
      locked_until: result.locked_until,
    })
  }
  throw new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `pin: ${input.who} has this PIN (${result.attempts_left} attempt(s) left before PIN entry locks)`
  )
}
