import type { IAuthModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateJwtToken, MedusaError, Modules } from "@medusajs/framework/utils"

/** How long a till stays open on a PIN before its member signs in with their password again. */
export const PIN_TOKEN_EXPIRY = "12h"

/**
 * A `staff` bearer token for a member, as `POST /auth/staff/emailpass` would
 * issue it after their password (the same claims, the server's JWT secret and
 * options), but limited to one store (`app_metadata.pin_store_id`, which
 * requireActiveStaff enforces) and to at most 12 hours: a PIN is weaker than
 * a password. Used by the PIN quick switch, which has checked the PIN.
 */
export async function staffTokenFor(
  container: MedusaContainer,
  staff: { id: string; email: string },
  storeId: string
): Promise<string> {
  const auth: IAuthModuleService = container.resolve(Modules.AUTH)
  const [identity] = await auth.listProviderIdentities(
    { entity_id: staff.email.trim().toLowerCase(), provider: "emailpass" },
    { select: ["id", "auth_identity_id", "user_metadata"] }
  )
  const authIdentity = identity?.auth_identity_id
    ? await auth.retrieveAuthIdentity(identity.auth_identity_id, { select: ["id", "app_metadata"] })
    : undefined
  if (!authIdentity || authIdentity.app_metadata?.staff_id !== staff.id) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Staff member ${staff.id} has no login of their own to switch to`)
  }
  const { http } = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE).projectConfig
  return generateJwtToken(
    {
      actor_id: staff.id,
      actor_type: "staff",
      auth_identity_id: authIdentity.id,
      auth_provider: "emailpass",
      mfa_enabled: false,
      mfa_challenge_completed_at: null,
      app_metadata: { ...(authIdentity.app_metadata ?? {}), staff_id: staff.id, pin_store_id: storeId },
      user_metadata: identity.user_metadata ?? {},
    },
    { secret: http.jwtSecret!, expiresIn: PIN_TOKEN_EXPIRY, jwtOptions: { ...(http.jwtOptions ?? {}), expiresIn: PIN_TOKEN_EXPIRY } }
  )
}
