import type { MedusaContainer } from "@medusajs/framework/types"
import { POS_MODULE } from "../../modules/pos"
import type PosModuleService from "../../modules/pos/service"
import { receiveStoreReturnWorkflow } from "./receive-store-return"
import { settleReturnMoneyWorkflow } from "./settle-return-money"
import type { StoreReturnRequest } from "./steps/receive-steps"


/**
 * A return at the store's till, in one call: receiveStoreReturnWorkflow (the policy checked, a
 * manager's override approval used, Medusa's return or exchange received at this store with a
 * disposition per line, the stock put where the disposition says), then settleReturnMoneyWorkflow
 * (the refund to the original tenders, store credit, or an exchange's difference). The same
 * idempotency key again answers the same return, finishes one a crash interrupted, or finishes a
 * refund that failed, never receiving or refunding twice.
 */
export async function takeReturn(container: MedusaContainer, input: StoreReturnRequest) {
  const { result: received } = await receiveStoreReturnWorkflow(container).run({ input })
  const { result: money } = await settleReturnMoneyWorkflow(container).run({
    input: { pos_return_id: received.pos_return_id, order_id: input.order_id, staff_id: input.staff_id, shift_id: input.shift_id },
  })
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const posReturn = await pos.retrievePosReturn(received.pos_return_id)
  const refund = money?.refund ?? (posReturn.refund_id ? await pos.retrievePosRefund(posReturn.refund_id) : null)
  return { pos_return: posReturn, refund, replayed: received.replayed }
}
