import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow } from "@medusajs/medusa/core-flows"

export type AdminLogin = { email: string; password: string; first_name?: string; last_name?: string }

/**
 * A dashboard user with an email/password login, created the way `medusa user`
 * does it. Returns whether anything had to be created.
 */
export async function ensureAdminUser(container: MedusaContainer, login: AdminLogin): Promise<boolean> {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  let created = false

  let [user] = await userModule.listUsers({ email: login.email })
  if (!user) {
    const { result } = await createUsersWorkflow(container).run({
      input: { users: [{ email: login.email, first_name: login.first_name, last_name: login.last_name }] },
    })
    user = result[0]
    created = true
  }

  const identities = await authModule.listProviderIdentities({ entity_id: login.email, provider: "emailpass" })
  if (!identities.length) {
    const { authIdentity, error } = await authModule.register("emailpass", {
      body: { email: login.email, password: login.password },
    })
    if (error || !authIdentity) {
      throw new Error(`Could not register the login ${login.email}: ${error}`)
    }
    await authModule.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
    created = true
  }
  return created
}
