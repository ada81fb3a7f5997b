import type { IAuthModuleService } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const createStaffLoginStepId = "create-pos-staff-login"

/**
 * The staff member's email/password identity in Medusa's auth module, carrying
 * `app_metadata.staff_id` so that `/auth/staff/emailpass` issues a `staff` token.
 * An existing identity for the email is never taken over: whoever set its
 * password would become this staff member.
 */
export const createStaffLoginStep = createStep(
  createStaffLoginStepId,
  async (input: { staff_id: string; email: string; password: string }, { container }) => {
    const auth: IAuthModuleService = container.resolve(Modules.AUTH)
    const email = input.email.trim().toLowerCase()
    const { authIdentity, error } = await auth.register("emailpass", {
      body: { email, password: input.password },
    })
    if (error || !authIdentity) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        `A login for ${email} already exists (${error ?? "unknown reason"}); store staff need an email of their own`
      )
    }
    await auth.updateAuthIdentities({
      id: authIdentity.id,
      app_metadata: { ...(authIdentity.app_metadata ?? {}), staff_id: input.staff_id },
    })
    return new StepResponse({ auth_identity_id: authIdentity.id }, authIdentity.id)
  },
  async (authIdentityId, { container }) => {
    if (!authIdentityId) {
      return
    }
    const auth: IAuthModuleService = container.resolve(Modules.AUTH)
    await auth.deleteAuthIdentities([authIdentityId])
  }
)
