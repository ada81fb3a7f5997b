import type { MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../modules/pos"
import type PosModuleService from "../../../../../modules/pos/service"
import { throwIfOverAmountLimit } from "../../../../../workflows/sale/utils/sale-limits"
import { openShiftWorkflow } from "../../../../../workflows/shift/open-shift"
import { refetchShift, shiftFields } from "../../../shifts/helpers"
import type { TerminalListShiftsParamsType, TerminalOpenShiftType } from "../../../shifts/validators"
import type { TerminalRequest } from "../../../utils/staff-access"

/** The store's shifts, newest first; `?status=open` for the tills open now. */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const filters = req.validatedQuery as TerminalListShiftsParamsType
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: shifts } = await query.graph({
    entity: "pos_shift",
    fields: shiftFields,
    filters: { store_id: req.params.store_id, ...filters },
    pagination: { order: { opened_at: "DESC" }, take: 50, skip: 0 },
  })
  res.json({ shifts })
}

/** Opens a shift on one of the store's registers with the cash float in the drawer. */
export const POST = async (req: TerminalRequest<TerminalOpenShiftType>, res: MedusaResponse) => {
  const { limits } = req.scope.resolve<PosModuleService>(POS_MODULE).settings
  throwIfOverAmountLimit("opening_float", req.validatedBody.opening_float, limits.max_cash_movement, "max_cash_movement")
  const { result } = await openShiftWorkflow(req.scope).run({
    input: {
      store_id: req.params.store_id,
      register_id: req.validatedBody.register_id,
      opening_float: req.validatedBody.opening_float,
      opened_by: req.staff!.id,
      request_id: req.requestId,
    },
  })
  res.json({ shift: await refetchShift(req.scope, result.id) })
}
