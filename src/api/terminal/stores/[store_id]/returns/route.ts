import type { MedusaResponse } from "@medusajs/framework/http"
import { POS_MODULE } from "../../../../../modules/pos"
import type PosModuleService from "../../../../../modules/pos/service"
import type { TerminalListReturnsParamsType, TerminalTakeReturnType } from "../../../returns/validators"
import type { TerminalRequest } from "../../../utils/staff-access"
import { respondWithReturn } from "../../../returns/helpers"

/** The store's returns, newest first. */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const { limit = 20, offset = 0 } = req.validatedQuery as TerminalListReturnsParamsType
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const [returns, count] = await pos.listAndCountPosReturns(
    { store_id: req.params.store_id },
    { order: { created_at: "DESC" }, take: limit, skip: offset }
  )
  res.json({ returns, count, limit, offset })
}

/**
 * Takes a return of an order of any channel at this store, in one call: the
 * policy checked (override_reason asks a manager to lift a refusing rule),
 * Medusa's return received here with a disposition per line, the stock moved,
 * and the refund to the original tenders or as store credit. Answers the
 * return, each refund part and each stock movement. 200 when all is done;
 * 202 when the return is received and the refund failed (the reason is in
 * `refund_error` / `return.failure_reason`): the same idempotency_key again
 * retries the refund only.
 */
export const POST = async (req: TerminalRequest<TerminalTakeReturnType>, res: MedusaResponse) => {
  await respondWithReturn(req, res)
}
