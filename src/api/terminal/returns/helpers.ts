import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { takeReturn } from "../../../workflows/returns/take-return"
import { loadStoreMembership, requestOf, requireRecordAccess, type TerminalRequest } from "../utils/staff-access"
import type { TerminalExchangeType, TerminalTakeReturnType } from "./validators"

/**
 * The store whose returns desk asks: the given store_id (the caller must
 * work there: 403 otherwise), or the caller's only store.
 */
export async function returnsDeskStoreId(req: TerminalRequest, storeId?: string): Promise<string> {
  if (storeId) {
    return (await loadStoreMembership(req, storeId)).store_id
  }
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const memberships = await pos.listPosStaffMemberships({ staff_id: req.staff!.id }, { select: ["id", "store_id", "role"] })
  if (memberships.length !== 1) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      memberships.length
        ? "You work at several stores: give store_id, the store taking the return"
        : `Staff member ${req.staff!.id} is a member of no store`
    )
  }
  return (await loadStoreMembership(req, memberships[0].store_id)).store_id
}

/** For /terminal/returns/:id routes: 404 for an unknown return, 403 for another store's. */
export const requireReturnAccess = requireRecordAccess("Return", async (req, id) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const [found] = await pos.listPosReturns({ id }, { select: ["store_id"] })
  return found?.store_id
})

/** Runs a return (or, with new_items, an exchange) at the store of the URL and answers it. */
export async function respondWithReturn(req: TerminalRequest<TerminalTakeReturnType | TerminalExchangeType>, res: MedusaResponse) {
  const storeId = req.params.store_id
  const membership = req.membership?.store_id === storeId ? req.membership : await loadStoreMembership(req, storeId)
  const result = await takeReturn(req.scope, {
    ...req.validatedBody,
    store_id: storeId,
    staff_id: req.staff!.id,
    role: membership.role,
    request: requestOf(req),
  })
  const posReturn = result.pos_return as any
  const failed = posReturn.status === "refund_failed"
  res.status(failed ? 202 : 200).json({
    return: posReturn,
    refunds: ((result.refund?.parts as any[]) ?? []).map((p) => ({
      payment_id: p.payment_id,
      kind: p.kind,
      provider_id: p.provider_id,
      amount: p.amount,
      status: p.status,
      error: p.error,
    })),
    store_credit_code: posReturn.store_credit_code ?? null,
    stock_movements: posReturn.movements,
    refund_error: failed ? posReturn.failure_reason : null,
    replayed: result.replayed,
  })
}
