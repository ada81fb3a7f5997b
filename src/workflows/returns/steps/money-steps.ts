import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules, PromotionStatus } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { createPromotionsWorkflow, markPaymentCollectionAsPaid } from "@medusajs/medusa/core-flows"
import { createHash } from "node:crypto"
import { POS_MODULE } from "../../../modules/pos"
import { RefundStatus } from "../../../modules/pos/models/refund"
import { PosReturnStatus } from "../../../modules/pos/models/return"
import type PosModuleService from "../../../modules/pos/service"
import { assertDrawer, refundToTenders } from "../../refund/refund-to-tenders"
import { clientMessage } from "../../utils/client-message"
import { creditAccountsWorkflow, createGiftCardsWorkflow } from "@medusajs/loyalty-plugin/workflows"
import { ensureCustomerCreditAccount, loyaltyInstalled, STORE_CREDIT_MODULE } from "../../loyalty/utils/loyalty"

/** Who settles a return's money, and the drawer it goes through. */
export type ReturnMoneyInput = { pos_return_id: string; staff_id: string; shift_id?: string }

/** What a received return still owes or is owed: the customer pays an exchange's difference, gets a refund or store credit, or nothing is left. */
export type ReturnMoneyPlan = { kind: "collect" | "refund" | "store_credit" | "none"; amount: number }

export const planReturnMoneyStepId = "plan-pos-return-money"

/** Reads the return and says what its money part still has to do (nothing once refunded, credited or settled). */
export const planReturnMoneyStep = createStep(planReturnMoneyStepId, async (input: ReturnMoneyInput, { container }) => {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const row = await pos.retrievePosReturn(input.pos_return_id)
  const done = [PosReturnStatus.REFUNDED, PosReturnStatus.CREDITED, PosReturnStatus.SETTLED, PosReturnStatus.RECEIVING].includes(row.status)
  const amount = MathBN.convert(row.amount).toNumber()
  const collect = MathBN.convert(row.collected_amount ?? 0).toNumber()
  const plan: ReturnMoneyPlan = done
    ? { kind: "none", amount: 0 }
    : collect > 0
      ? { kind: "collect", amount: collect }
      : !(amount > 0)
        ? { kind: "none", amount: 0 }
        : { kind: row.refund_to === "store_credit" ? "store_credit" : "refund", amount }
  return new StepResponse(plan)
})

/**
 * A money step that fails leaves the return received with the reason, and the same request again
 * finishes it: the return stands and the stock moved whatever happens to the money.
 */
async function recordFailure(container: MedusaContainer, posReturnId: string, error: unknown) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const reason = clientMessage(container, error, `Refund of return ${posReturnId}`)
  await pos.updatePosReturns({ id: posReturnId, status: PosReturnStatus.REFUND_FAILED, failure_reason: reason })
  return reason
}

export const collectExchangeDifferenceStepId = "collect-pos-exchange-difference"

/**
 * An exchange worth more than what came back: the customer pays the difference in cash into this
 * till's drawer, and Medusa's outstanding payment collection is marked paid with the cash provider.
 * Each part is skipped when it already happened, so a retry never takes the money twice.
 */
export const collectExchangeDifferenceStep = createStep(
  collectExchangeDifferenceStepId,
  async (input: ReturnMoneyInput & { amount: number }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const row = await pos.retrievePosReturn(input.pos_return_id)
    try {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: ["id", "display_id", "payment_collections.id", "payment_collections.status"],
        filters: { id: row.order_id },
      })
      const order = data[0] as any
      await assertDrawer(pos, { ...input, order_id: row.order_id, store_id: row.store_id, idempotency_key: row.id })
      const open = ((order.payment_collections ?? []) as any[]).find((pc) => pc?.status === "not_paid")
      if (open) {
        await markPaymentCollectionAsPaid(container).run({
          input: { payment_collection_id: open.id, order_id: order.id, captured_by: input.staff_id, provider_id: pos.settings.cash_payment_provider_id },
        })
      }
      const reason = `Exchange difference of order #${order.display_id} [${row.id}]`
      const [taken] = await pos.listPosCashMovements({ reason }, { select: ["id"] })
      if (!taken) {
        await pos.createPosCashMovements({ shift_id: input.shift_id!, amount: input.amount, reason, staff_id: input.staff_id })
      }
    } catch (error) {
      return new StepResponse({ error: await recordFailure(container, row.id, error), refund: null })
    }
    await pos.updatePosReturns({ id: row.id, status: PosReturnStatus.SETTLED, refunded_at: new Date(), failure_reason: null })
    return new StepResponse({ error: null as string | null, refund: null })
  }
)

export const issueReturnStoreCreditStepId = "issue-pos-return-store-credit"

/**
 * Store credit for a return (docs/customers.md), through Medusa's loyalty plugin: into the store
 * credit account of a registered customer (ledger reference `pos_return`, the return), usable at any
 * till and in the webshop; for a guest, a gift card of the amount, its code printed on the return's
 * receipt. Without the plugin, a single-use promotion code. Each is found again by the return, so a
 * retry never issues a second.
 */
export const issueReturnStoreCreditStep = createStep(
  issueReturnStoreCreditStepId,
  async (input: ReturnMoneyInput & { amount: number }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const row = await pos.retrievePosReturn(input.pos_return_id)
    let code: string | null = null
    let accountId: string | null = null
    try {
      if (loyaltyInstalled(container)) {
        const query = container.resolve(ContainerRegistrationKeys.QUERY)
        const { data } = await query.graph({
          entity: "order",
          fields: ["id", "display_id", "customer_id", "customer.has_account"],
          filters: { id: row.order_id },
        })
        const order = data[0] as any
        if (order?.customer_id && order.customer?.has_account) {
          accountId = (await ensureCustomerCreditAccount(container, order.customer_id, row.currency_code)).id
          const [credited] = await container
            .resolve<any>(STORE_CREDIT_MODULE)
            .listAccountTransactions({ reference: "pos_return", reference_id: row.id }, { select: ["id"] })
          if (!credited) {
            await creditAccountsWorkflow(container).run({
              input: [{ account_id: accountId, amount: input.amount, reference: "pos_return", reference_id: row.id, note: `Return of order #${order.display_id}` }],
            })
          }
        } else {
          const { data: cards } = await query.graph({ entity: "gift_card", fields: ["code"], filters: { reference: "pos_return", reference_id: row.id } })
          code = ((cards[0] as any)?.code as string | undefined) ?? null
          if (!code) {
            const { result } = await createGiftCardsWorkflow(container).run({
              input: [{ value: input.amount, currency_code: row.currency_code, reference: "pos_return", reference_id: row.id, metadata: { order_id: row.order_id } }] as any,
            })
            code = ((result as any[])[0]?.code as string | undefined) ?? null
          }
        }
      } else {
        code = await issuePromotionCredit(container, row, input.amount)
      }
    } catch (error) {
      return new StepResponse({ error: await recordFailure(container, row.id, error), refund: null })
    }
    await pos.updatePosReturns({
      id: row.id,
      status: PosReturnStatus.CREDITED,
      store_credit_code: code,
      store_credit_account_id: accountId,
      refunded_at: new Date(),
      failure_reason: null,
    })
    return new StepResponse({ error: null as string | null, refund: null })
  }
)

/** Without the loyalty plugin: store credit as a single-use promotion code for the amount, derived from the return. */
async function issuePromotionCredit(container: MedusaContainer, row: { id: string; currency_code: string }, amount: number) {
  const code = `CREDIT-${createHash("sha256").update(row.id).digest("hex").slice(0, 10).toUpperCase()}`
  const [issued] = await container.resolve(Modules.PROMOTION).listPromotions({ code }, { select: ["id"] })
  if (!issued) {
    await createPromotionsWorkflow(container).run({
      input: {
        promotionsData: [
          {
            code,
            type: "standard",
            status: PromotionStatus.ACTIVE,
            is_automatic: false,
            // the credit is what the customer paid, taxes included
            is_tax_inclusive: true,
            limit: 1,
            application_method: { type: "fixed", target_type: "order", allocation: "across", value: amount, currency_code: row.currency_code },
          } as any,
        ],
      },
    })
  }
  return code
}

export const refundReturnToTendersStepId = "refund-pos-return-to-tenders"

/** The refund to the original tenders through the refund split (refundToTenders, idempotent per return). */
export const refundReturnToTendersStep = createStep(
  refundReturnToTendersStepId,
  async (input: ReturnMoneyInput & { amount: number }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const row = await pos.retrievePosReturn(input.pos_return_id)
    try {
      const { refund } = await refundToTenders(container, {
        order_id: row.order_id,
        amount: input.amount,
        idempotency_key: `return-${row.id}`,
        reason: `Return ${row.id}`,
        staff_id: input.staff_id,
        store_id: row.store_id,
        shift_id: input.shift_id,
      })
      const ok = refund.status === RefundStatus.SUCCEEDED
      await pos.updatePosReturns({
        id: row.id,
        refund_id: refund.id,
        status: ok ? PosReturnStatus.REFUNDED : PosReturnStatus.REFUND_FAILED,
        failure_reason: ok ? null : refund.failure_reason,
        refunded_at: ok ? new Date() : null,
      })
      return new StepResponse({ error: ok ? null : ((refund.failure_reason as string | null) ?? null), refund })
    } catch (error) {
      // refused before any money moved (e.g. the drawer's shift closed since): the return stands, the refund waits
      return new StepResponse({ error: await recordFailure(container, row.id, error), refund: null as any })
    }
  }
)
