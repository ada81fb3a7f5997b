import type { AxiosInstance } from "axios"
// Types only: the plugin-package spec uses these helpers against the *built*
// plugin, and importing the source workflows would register them a second time.
import type { CreateStoreWorkflowInput } from "../../src/workflows/store/create-store"

export function storeInput(code: string, overrides: Partial<CreateStoreWorkflowInput> = {}): CreateStoreWorkflowInput {
  return {
    name: `Shop ${code}`,
    code,
    address: {
      address_1: "112 North State Street",
      city: "Chicago",
      province: "IL",
      postal_code: "60602",
      country_code: "us",
    },
    latitude: 41.8836,
    longitude: -87.6278,
    timezone: "America/Chicago",
    ...overrides,
  }
}

export type StaffLogin = { id: string; email: string; password: string; token: string; headers: { headers: Record<string, string> } }

/** Creates a staff member through the admin API, adds the memberships, and signs them in. */
export async function createStaffMember(
  api: AxiosInstance,
  admin: { headers: Record<string, string> },
  email: string,
  memberships: { store_id: string; role: "associate" | "manager"; pin?: string }[]
): Promise<StaffLogin> {
  const password = "correct-horse-battery"
  const { data } = await api.post(
    "/admin/pos/staff",
    { email, password, first_name: email.split("@")[0], last_name: "Tester" },
    admin
  )
  for (const membership of memberships) {
    await api.post(
      `/admin/pos/stores/${membership.store_id}/staff`,
      { staff_id: data.staff.id, role: membership.role, pin: membership.pin },
      admin
    )
  }
  const { data: login } = await api.post("/auth/staff/emailpass", { email, password })
  return {
    id: data.staff.id,
    email,
    password,
    token: login.token,
    headers: { headers: { authorization: `Bearer ${login.token}` } },
  }
}

/** Resolves with the response of a request that may fail, for asserting on 4xx answers. */
export async function attempt<T = any>(request: Promise<{ status: number; data: T }>) {
  try {
    const { status, data } = await request
    return { status, data }
  } catch (error: any) {
    if (!error.response) {
      throw error
    }
    return { status: error.response.status as number, data: error.response.data }
  }
}
