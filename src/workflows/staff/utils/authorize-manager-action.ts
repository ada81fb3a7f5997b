import { MedusaError } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../modules/pos"
import { StaffRole } from "../../../modules/pos/models/staff-membership"
import type PosModuleService from "../../../modules/pos/service"
import { MANAGER_ACTION_LABELS, type ManagerAction } from "../../../modules/pos/utils/manager-actions"

type Container = { resolve: (key: string) => any }

/** Who asks for a manager-only action, where, and the request it came with (for the refusal's audit row). */
export type ManagerActionRequest = {
  store_id: string
  staff_id: string
  /** the asker's role at the store */
  role: StaffRole | string
  action: ManagerAction
  approval_id?: string | null
  request?: { id?: string | null; method?: string; path?: string } | null
}

/**
 * A manager-only action: allowed for a manager of the store, or for another member who presents
 * an unused, unexpired PIN approval for this very action (POST /terminal/pin/verify), which is used
 * up here. Returns who approved it and the approval used (null for a manager). A refusal leaves an
 * audit row (who asked, for what, where, why) and throws 403 with `manager_action` beside the
 * message, for a till to open its PIN pad.
 */
export async function authorizeManagerAction(
  container: Container,
  input: ManagerActionRequest
): Promise<{ approved_by: string; approval_id: string | null }> {
  if (input.role === StaffRole.MANAGER) {
    return { approved_by: input.staff_id, approval_id: null }
  }
  const pos: PosModuleService = container.resolve(POS_MODULE)
  if (input.approval_id) {
    const approval = await pos.consumeApproval({
      id: input.approval_id,
      store_id: input.store_id,
      requested_by: input.staff_id,
      action: input.action,
    })
    if (approval) {
      return { approved_by: approval.approved_by, approval_id: input.approval_id }
    }
    await auditRefusal(pos, input, "approval_invalid")
    throw new MedusaError(
      MedusaError.Types.FORBIDDEN,
      `Approval ${input.approval_id} is not valid for ${input.action} at store ${input.store_id}: ` +
        "it is used, expired, or was given for another action or staff member"
    )
  }
  await auditRefusal(pos, input, "needs_manager")
  const refusal = new MedusaError(
    MedusaError.Types.FORBIDDEN,
    `${MANAGER_ACTION_LABELS[input.action]} needs a manager: a manager of store ${input.store_id} ` +
      `signs in, or approves with their PIN (POST /terminal/pin/verify with action "${input.action}")`
  )
  Object.assign(refusal, { manager_action: { action: input.action, store_id: input.store_id } })
  throw refusal
}

/** Every refused manager action leaves a row: who asked, for what, where, and why it was refused. */
async function auditRefusal(pos: PosModuleService, input: ManagerActionRequest, reason: string) {
  await pos.createPosAuditLogs({
    actor_type: "staff",
    actor_id: input.staff_id,
    store_id: input.store_id,
    action: "manager_action.refused",
    request_id: input.request?.id ?? null,
    data: {
      action: input.action,
      reason,
      approval_id: input.approval_id ?? null,
      method: input.request?.method ?? null,
      path: input.request?.path ?? null,
    },
  })
}
