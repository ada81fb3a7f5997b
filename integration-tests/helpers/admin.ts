import type { MedusaContainer } from "@medusajs/framework/types"
import type { AxiosInstance } from "axios"
import { ensureAdminUser } from "../../demo/admin-user"

export const TEST_ADMIN = { email: "admin@pos.test", password: "test-admin-password" }

/** Creates a dashboard user and signs in through the real auth route. */
export async function adminHeaders(container: MedusaContainer, api: AxiosInstance, login = TEST_ADMIN) {
  await ensureAdminUser(container, login)
  const { data } = await api.post("/auth/user/emailpass", login)
  return { headers: { authorization: `Bearer ${data.token}` } }
}
