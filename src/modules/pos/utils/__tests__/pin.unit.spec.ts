import { DEFAULT_PIN_LOCK_POLICY, hashPin, nextPinAttemptState, pinLockedUntil, verifyPin, type PinAttemptState } from "../pin"

describe("PIN hashing", () => {
  it("verifies the right PIN and refuses a wrong one", () => {
    const stored = hashPin("4821")
    expect(stored).not.toContain("4821")
    expect(verifyPin("4821", stored)).toBe(true)
    expect(verifyPin("4822", stored)).toBe(false)
  })

  it("salts every hash", () => {
    expect(hashPin("4821")).not.toBe(hashPin("4821"))
  })

  it("refuses when no PIN is set or the stored value is not a hash", () => {
    expect(verifyPin("4821", null)).toBe(false)
    expect(verifyPin("4821", "4821")).toBe(false)
  })
})

describe("PIN lockout", () => {
  const now = new Date("2026-11-28T10:00:00Z")
  const clean: PinAttemptState = { pin_failed_attempts: 0, pin_locked_until: null }

  it("counts failures and locks at the maximum, for the configured time", () => {
    let state: PinAttemptState = clean
    for (let i = 1; i < DEFAULT_PIN_LOCK_POLICY.max_attempts; i++) {
      state = nextPinAttemptState(state, false, now)
      expect(state).toEqual({ pin_failed_attempts: i, pin_locked_until: null })
    }
    state = nextPinAttemptState(state, false, now)
    expect(state.pin_locked_until).toEqual(new Date("2026-11-28T10:15:00Z"))
    expect(pinLockedUntil(state, new Date("2026-11-28T10:14:59Z"))).toEqual(state.pin_locked_until)
    expect(pinLockedUntil(state, new Date("2026-11-28T10:15:00Z"))).toBeNull()
  })

  it("clears the count on a success", () => {
    const state = nextPinAttemptState({ pin_failed_attempts: 3, pin_locked_until: null }, true, now)
    expect(state).toEqual(clean)
  })

  it.each([
    [{ max_attempts: 3, lock_minutes: 1 }, 3, "2026-11-28T10:01:00.000Z"],
    [{ max_attempts: 1, lock_minutes: 60 }, 1, "2026-11-28T11:00:00.000Z"],
  ])("follows the policy %j", (policy, failures, lockedUntil) => {
    let state: { pin_failed_attempts: number; pin_locked_until: Date | null } = clean
    for (let i = 0; i < failures; i++) {
      state = nextPinAttemptState(state, false, now, policy)
    }
    expect(state.pin_locked_until?.toISOString()).toBe(lockedUntil)
  })
})
