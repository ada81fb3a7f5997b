import type { MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../modules/pos"
import type PosModuleService from "../../../../../modules/pos/service"
import { createStockCountWorkflow } from "../../../../../workflows/stock-count/create-stock-count"
import { staffCount } from "../../../../../workflows/stock-count/utils"
import type { TerminalCreateCountType, TerminalListCountsParamsType } from "../../../counts/validators"
import type { TerminalRequest } from "../../../utils/staff-access"

/** The store's counts, newest first (the last 50, or those of the statuses asked for). */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const { status } = req.validatedQuery as TerminalListCountsParamsType
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const counts = await pos.listPosStockCounts(
    { store_id: req.params.store_id, ...(status?.length ? { status: status as any } : {}) },
    { order: { created_at: "DESC" }, take: 50 }
  )
  res.json({ counts })
}

/** Starts a blind count at this store's location: `scope` is a shelf (scanned as found), a category, or a list of SKUs. */
export const POST = async (req: TerminalRequest<TerminalCreateCountType>, res: MedusaResponse) => {
  const { data } = await req.scope
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({ entity: "pos_store", fields: ["id", "stock_location.id"], filters: { id: req.params.store_id } })
  const locationId = (data[0] as any)?.stock_location?.id
  const { result } = await createStockCountWorkflow(req.scope).run({
    input: { ...req.validatedBody, store_id: req.params.store_id, location_id: locationId, staff_id: req.staff!.id },
  })
  res.status(201).json({ count: staffCount(result.count, result.lines) })
}
