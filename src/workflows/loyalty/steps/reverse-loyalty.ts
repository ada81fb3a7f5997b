import { MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { debitAccountsWorkflow } from "@medusajs/loyalty-plugin/workflows"
import { POS_MODULE } from "../../../modules/pos"
import { PosReturnStatus } from "../../../modules/pos/models/return"
import type PosModuleService from "../../../modules/pos/service"
import { refundablePayments, type RefundPartRecord } from "../../refund/refund-to-tenders"
import { accountBalance } from "../utils/loyalty"
import { LOYALTY_EARN_REFERENCE, LOYALTY_REVERSAL_REFERENCE, loyaltyTransactions, shareOf } from "../utils/earn"

/**
 * What of a return's amount is money the customer paid: a refund's parts that went back to cards,
 * cash or other payments (gift cards and store credit are refunded first); store credit given for a
 * return, the share of the order paid in money.
 */
async function moneyReturned(container: any, row: { order_id: string; amount: unknown; refund_id?: string | null }) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const credit = (kind: string) => kind === "gift_card" || kind === "store_credit"
  if (row.refund_id) {
    const refund = await pos.retrievePosRefund(row.refund_id, { select: ["parts"] })
    return MathBN.add(0, ...((refund.parts as unknown as RefundPartRecord[]) ?? []).filter((p) => !credit(p.kind)).map((p) => p.amount))
  }
  const { payments } = await refundablePayments(container, row.order_id)
  const money = MathBN.add(0, ...payments.filter((p) => !credit(p.kind)).map((p) => p.captured))
  const all = MathBN.add(0, ...payments.map((p) => p.captured))
  return MathBN.gt(all, 0) ? MathBN.div(MathBN.mult(row.amount as any, money), all) : MathBN.convert(row.amount as any)
}

/**
 * A return refunded or credited takes back what its money earned: the earn rate of the money returned
 * (moneyReturned), rounded down, never more than the order earned less earlier reversals, debited from the account
 * the earn went into (ledger reference `pos_loyalty_reversal`, the return: once per return). Credit
 * the customer already spent is not clawed back below 0: what could not be taken is audited.
 */
export const reverseLoyaltyStep = createStep("reverse-pos-loyalty", async (input: { pos_return_id: string; staff_id: string }, { container }) => {
  try {
    return new StepResponse(await reverseLoyalty(container, input))
  } catch (error: any) {
    // the return's money is settled whatever happens here: a failed reversal is logged and audited, not undone
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.createPosAuditLogs({
      actor_type: "staff",
      actor_id: input.staff_id,
      action: "loyalty.reversal_failed",
      resource_type: "pos_return",
      resource_id: input.pos_return_id,
      data: { error: String(error?.message ?? error) },
    })
    return new StepResponse(null)
  }
})

async function reverseLoyalty(container: any, input: { pos_return_id: string; staff_id: string }) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const row = await pos.retrievePosReturn(input.pos_return_id)
  const settled = row.status === PosReturnStatus.REFUNDED || row.status === PosReturnStatus.CREDITED
  const [earned] = settled ? await loyaltyTransactions(container, LOYALTY_EARN_REFERENCE, [row.order_id]) : []
  if (!earned || (await loyaltyTransactions(container, LOYALTY_REVERSAL_REFERENCE, [row.id])).length) {
    return null
  }
  // earlier reversals of this order: every return of it
  const returns = await pos.listPosReturns({ order_id: row.order_id }, { select: ["id"] })
  const before = await loyaltyTransactions(container, LOYALTY_REVERSAL_REFERENCE, returns.map((r) => r.id))
  const left = MathBN.sub(earned.amount as any, MathBN.add(0, ...before.map((t) => t.amount as any)))
  // loyalty was earned on money only (not on gift cards or store credit): what comes back of money is what is reversed
  const wanted = MathBN.min(shareOf(await moneyReturned(container, row), pos.settings.loyalty.earn_rate, row.currency_code), left)
  const balance = await accountBalance(container, earned.account_id)
  const amount = MathBN.max(0, MathBN.min(wanted, balance))
  if (MathBN.gt(amount, 0)) {
    await debitAccountsWorkflow(container).run({
      input: [
        {
          account_id: earned.account_id,
          amount: amount.toNumber(),
          reference: LOYALTY_REVERSAL_REFERENCE,
          reference_id: row.id,
          note: `Loyalty taken back: return ${row.id}`,
        },
      ],
    })
  }
  const shortfall = MathBN.sub(wanted, amount)
  await pos.createPosAuditLogs({
    actor_type: "staff",
    actor_id: input.staff_id,
    store_id: row.store_id,
    action: "loyalty.reversed",
    resource_type: "order",
    resource_id: row.order_id,
    data: { return_id: row.id, reversed: amount.toNumber(), not_reversed: shortfall.toNumber() },
  })
  return { reversed: amount.toNumber(), not_reversed: shortfall.toNumber() }
}
