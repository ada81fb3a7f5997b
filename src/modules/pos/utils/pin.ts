import { randomBytes, scryptSync, timingSafeEqual } from "crypto"

/** A PIN is 4 to 8 digits: short enough for a till, long enough for a lockout to matter. */
export const PIN_PATTERN = /^\d{4,8}$/

const KEY_LENGTH = 32
// scrypt cost: about 10 ms per hash here, cheap for one approval, slow for guessing.
const COST = 16384

export function hashPin(pin: string): string {
  const salt = randomBytes(16)
  const hash = scryptSync(pin, salt, KEY_LENGTH, { N: COST })
  return `scrypt$${COST}$${salt.toString("base64")}$${hash.toString("base64")}`
}

export function verifyPin(pin: string, stored: string | null | undefined): boolean {
  if (!stored) {
    return false
  }
  const [scheme, cost, salt, hash] = stored.split("$")
  if (scheme !== "scrypt" || !salt || !hash) {
    return false
  }
  const expected = Buffer.from(hash, "base64")
  const actual = scryptSync(pin, Buffer.from(salt, "base64"), expected.length, { N: Number(cost) })
  return timingSafeEqual(actual, expected)
}

export type PinLockPolicy = { max_attempts: number; lock_minutes: number }

export const DEFAULT_PIN_LOCK_POLICY: PinLockPolicy = { max_attempts: 5, lock_minutes: 15 }

export type PinAttemptState = { pin_failed_attempts: number; pin_locked_until: Date | null }

/** Whether PIN entry is locked at `now`, and until when. */
export function pinLockedUntil(state: PinAttemptState, now: Date): Date | null {
  return state.pin_locked_until && state.pin_locked_until > now ? state.pin_locked_until : null
}

/**
 * The attempt counter after one PIN entry: a success clears it; the failure
 * that reaches the maximum locks PIN entry for `lock_minutes` and starts a new count.
 */
export function nextPinAttemptState(
  state: PinAttemptState,
  succeeded: boolean,
  now: Date,
  policy: PinLockPolicy = DEFAULT_PIN_LOCK_POLICY
): PinAttemptState {
  if (succeeded) {
    return { pin_failed_attempts: 0, pin_locked_until: null }
  }
  const failures = state.pin_failed_attempts + 1
  if (failures >= policy.max_attempts) {
    return {
      pin_failed_attempts: 0,
      pin_locked_until: new Date(now.getTime() + policy.lock_minutes * 60_000),
    }
  }
  return { pin_failed_attempts: failures, pin_locked_until: state.pin_locked_until }
}
