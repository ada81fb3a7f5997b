import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { requireRecordAccess } from "../utils/staff-access"

export const shiftFields = [
  "id",
  "store_id",
  "register_id",
  "currency_code",
  "status",
  "opened_by",
  "opened_at",
  "opening_float",
  "closed_by",
  "closed_at",
  "expected_cash",
  "counted_cash",
  "variance",
  "variance_approved_by",
  "cash_movements.id",
  "cash_movements.amount",
  "cash_movements.reason",
  "cash_movements.staff_id",
  "cash_movements.approved_by",
  "cash_movements.created_at",
]

export async function refetchShift(container: MedusaContainer, id: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "pos_shift", fields: shiftFields, filters: { id } })
  return data[0]
}

/** For /terminal/shifts/:id routes: the shift exists (404) and belongs to one of the caller's stores (403). */
export const requireShiftAccess = requireRecordAccess("Shift", async (req, id) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const [shift] = await pos.listPosShifts({ id }, { select: ["store_id"] })
  return shift?.store_id
})
