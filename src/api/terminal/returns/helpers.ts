import { MedusaError } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { loadStoreMembership, requireRecordAccess, type TerminalRequest } from "../utils/staff-access"

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
