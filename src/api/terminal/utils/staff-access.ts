import type { AuthenticatedMedusaRequest, MedusaNextFunction, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../modules/pos"
import { StaffRole } from "../../../modules/pos/models/staff-membership"
import type PosModuleService from "../../../modules/pos/service"
import type { ManagerAction } from "../../../modules/pos/utils/manager-actions"
import { authorizeManagerAction as authorize } from "../../../workflows/staff/utils/authorize-manager-action"
import { recordAudit } from "../../utils/audit"

export type StaffMember = { id: string; email: string; first_name: string; last_name: string }
export type StoreMembership = { id: string; store_id: string; role: StaffRole }

export type TerminalRequest<Body = unknown> = AuthenticatedMedusaRequest<Body> & {
  staff?: StaffMember
  membership?: StoreMembership
  /** every store membership of the signed-in staff member, read with the staff member */
  memberships?: StoreMembership[]
}

/**
 * After `authenticate("staff", ["bearer"])`: the token's staff member must
 * still exist and be active. A deactivated member's unexpired token stops working.
 */
export async function requireActiveStaff(req: TerminalRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  // with the member's stores, so that the store checks of the request need no query of their own
  const [staff] = await pos.listPosStaffs(
    { id: req.auth_context.actor_id, is_active: true },
    {
      select: ["id", "email", "first_name", "last_name", "memberships.id", "memberships.store_id", "memberships.role"],
      relations: ["memberships"],
    }
  )
  if (!staff) {
    return next(new MedusaError(MedusaError.Types.UNAUTHORIZED, "This staff login is no longer active"))
  }
  const { memberships, ...member } = staff as typeof staff & { memberships?: StoreMembership[] }
  req.staff = member
  // a token from a PIN quick switch opens the store it was given at, not the member's other stores
  const pinStore = (req.auth_context.app_metadata as Record<string, unknown> | undefined)?.pin_store_id
  req.memberships = (memberships ?? [])
    .filter((m) => !pinStore || m.store_id === pinStore)
    .map((m) => ({ id: m.id, store_id: m.store_id, role: m.role }))
  next()
}

/**
 * The store must exist (404) and the signed-in staff member must be a member
 * of it (403, with an audit row naming who tried what).
 */
export async function loadStoreMembership(req: TerminalRequest, storeId: string): Promise<StoreMembership> {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const [membership] = req.memberships
    ? req.memberships.filter((m) => m.store_id === storeId)
    : await pos.listPosStaffMemberships({ store_id: storeId, staff_id: req.staff!.id }, { select: ["id", "store_id", "role"] })
  if (membership) {
    req.membership = membership as StoreMembership
    return req.membership
  }
  // Only on a refusal: tell an unknown store (404) from someone else's (403).
  const [store] = await pos.listPosStores({ id: storeId }, { select: ["id"] })
  if (!store) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Store ${storeId} was not found`)
  }
  await recordAudit(req, {
    actor_type: "staff",
    actor_id: req.staff!.id,
    store_id: storeId,
    action: "access.denied",
    data: { method: req.method, path: req.originalUrl?.split("?")[0] ?? req.path },
  })
  throw new MedusaError(MedusaError.Types.FORBIDDEN, `Staff member ${req.staff!.id} is not a member of store ${storeId}`)
}

/** Middleware for `/terminal/stores/:store_id/...` routes. */
export async function requireStoreMembership(req: TerminalRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    await loadStoreMembership(req, req.params.store_id)
    next()
  } catch (error) {
    next(error)
  }
}

/**
 * A manager-only action: allowed for a manager of the store, or for another
 * member who presents an unused, unexpired PIN approval for this very action
 * (from POST /terminal/pin/verify). Returns who approved it; a refusal is
 * audited and answered 403 (authorizeManagerAction of the workflows).
 */
export async function authorizeManagerAction(
  req: TerminalRequest,
  input: { store_id: string; action: ManagerAction; approval_id?: string }
): Promise<{ approved_by: string }> {
  const membership =
    req.membership?.store_id === input.store_id ? req.membership : await loadStoreMembership(req, input.store_id)
  const { approved_by } = await authorize(req.scope, {
    ...input,
    staff_id: req.staff!.id,
    role: membership.role,
    request: requestOf(req),
  })
  return { approved_by }
}

/** What a refusal's audit row says of the request. */
export function requestOf(req: TerminalRequest) {
  return { id: req.requestId ?? null, method: req.method, path: req.originalUrl?.split("?")[0] ?? req.path }
}

/**
 * Middleware for routes on one record of a store (`/terminal/shifts/:id`,
 * `/terminal/sales/:id`): the record exists (404) and its store is one of the
 * caller's (403, audited).
 */
export function requireRecordAccess(label: string, findStoreId: (req: TerminalRequest, id: string) => Promise<string | undefined>) {
  return async (req: TerminalRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    try {
      const storeId = await findStoreId(req, req.params.id)
      if (!storeId) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `${label} ${req.params.id} was not found`)
      }
      await loadStoreMembership(req, storeId)
      next()
    } catch (error) {
      next(error)
    }
  }
}
