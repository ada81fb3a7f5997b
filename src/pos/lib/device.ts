/**
 * What the device remembers in its own storage: the signed-in staff member's
 * session, and the store and register this till is (kept across sign-ins,
 * for whoever signs in next).
 */
export type StaffMember = { id: string; email: string; first_name: string; last_name: string }
export type Session = { token: string; staff: StaffMember }
export type DeviceSetup = { store_id: string; register_id: string }

const SESSION_KEY = "pos.session"
const DEVICE_KEY = "pos.device"

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key)
    return raw ? (JSON.parse(raw) as T) : null
  } catch {
    return null
  }
}

function write(key: string, value: unknown) {
  if (value === null) localStorage.removeItem(key)
  else localStorage.setItem(key, JSON.stringify(value))
}

export const device = {
  session: () => read<Session>(SESSION_KEY),
  saveSession: (session: Session | null) => write(SESSION_KEY, session),
  setup: () => read<DeviceSetup>(DEVICE_KEY),
  saveSetup: (setup: DeviceSetup | null) => write(DEVICE_KEY, setup),
}
