import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { currencyDecimals, roundToCurrency } from "../../utils/money"
import { customerCreditAccount, loyaltyInstalled, STORE_CREDIT_MODULE } from "./loyalty"

type Container = { resolve: (key: string) => any }

/** The ledger references of loyalty: what an order earned, and what a return took back. */
export const LOYALTY_EARN_REFERENCE = "pos_loyalty_earn"
export const LOYALTY_REVERSAL_REFERENCE = "pos_loyalty_reversal"

/** A share of an amount, rounded down to the currency's smallest unit: loyalty never credits a cent too many. */
export function shareOf(amount: unknown, rate: unknown, currencyCode: string) {
  const value = MathBN.mult(MathBN.convert(amount as any), MathBN.convert(rate as any))
  return MathBN.convert(value.decimalPlaces(currencyDecimals(currencyCode), 1 /* ROUND_DOWN */).toString())
}

/**
 * What an order earns: the earn rate of what the customer paid (the order's total after gift cards and
 * store credit, so spending credit earns none), for a registered customer only (an account can use it
 * online). Null when loyalty is off, the plugin is missing, or the customer is a guest.
 */
export async function plannedEarn(container: Container, orderId: string) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const rate = pos.settings.loyalty.earn_rate
  if (!(rate > 0) || !loyaltyInstalled(container)) {
    return null
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "currency_code", "total", "customer_id", "customer.has_account", "summary.*"],
    filters: { id: orderId },
  })
  const order = data[0] as any
  if (!order?.customer_id || !order.customer?.has_account) {
    return null
  }
  const paid = roundToCurrency(order.total, order.currency_code)
  return {
    order_id: order.id as string,
    customer_id: order.customer_id as string,
    currency_code: order.currency_code as string,
    rate,
    base: paid,
    amount: shareOf(paid, rate, order.currency_code).toNumber(),
    /** what was captured covers the order: nothing is left to pay */
    paid: order.summary ? MathBN.lte(order.summary.pending_difference ?? 0, 0) : false,
  }
}

/** The loyalty transactions of an order (its earn) or of returns (their reversals), from the plugin's ledger. */
export async function loyaltyTransactions(container: Container, reference: string, referenceIds: string[]) {
  if (!referenceIds.length || !loyaltyInstalled(container)) {
    return []
  }
  return (await container
    .resolve(STORE_CREDIT_MODULE)
    .listAccountTransactions({ reference, reference_id: referenceIds }, { select: ["id", "account_id", "amount", "reference_id", "type"] })) as {
    id: string
    account_id: string
    amount: unknown
    reference_id: string
  }[]
}

/**
 * A receipt's loyalty line: what the order earned (credited once it is paid; until then what it will
 * earn), and the customer's store credit balance. Null when the order earns nothing.
 */
export async function orderLoyalty(container: Container, order: { id: string; currency_code: string; customer_id?: string | null }) {
  if (!order.customer_id) {
    return null
  }
  const [earned] = await loyaltyTransactions(container, LOYALTY_EARN_REFERENCE, [order.id])
  const planned = earned ? null : await plannedEarn(container, order.id)
  if (!earned && !planned?.amount) {
    return null
  }
  const account = await customerCreditAccount(container, order.customer_id, order.currency_code)
  return {
    earned: earned ? MathBN.convert(earned.amount as any).toNumber() : planned!.amount,
    credited: !!earned,
    balance: account?.balance ?? 0,
  }
}

/**
 * The gift cards an order sold (lines of gift card products), as the loyalty plugin issued them when
 * the order was placed, full codes included: the receipt is where the customer gets them. `issuing`
 * counts those not issued yet (the plugin issues them from `order.placed`, a moment later).
 */
export async function giftCardsOfOrder(container: Container, order: { id: string }) {
  const none = { issued: [] as { code: string; value: number; currency_code: string }[], issuing: 0 }
  if (!loyaltyInstalled(container)) {
    return none
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["items.id", "items.quantity", "items.product.is_giftcard"],
    filters: { id: order.id },
  })
  const lines = (((data[0] as any)?.items ?? []) as any[]).filter((i) => i?.product?.is_giftcard)
  if (!lines.length) {
    return none
  }
  const { data: cards } = await query.graph({
    entity: "gift_card",
    fields: ["code", "value", "currency_code", "created_at"],
    filters: { line_item_id: lines.map((l) => l.id) },
  })
  const units = lines.reduce((sum, l) => sum + MathBN.convert(l.quantity).toNumber(), 0)
  return {
    issued: (cards as any[]).map((c) => ({ code: c.code as string, value: MathBN.convert(c.value).toNumber(), currency_code: c.currency_code as string })),
    issuing: Math.max(0, units - cards.length),
  }
}

/** The order a payment belongs to, if any. */
export async function orderOfPayment(container: Container, paymentId: string) {
  const payment = await container.resolve(Modules.PAYMENT).retrievePayment(paymentId, { select: ["id", "payment_collection_id"] })
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order_payment_collection",
    fields: ["order_id"],
    filters: { payment_collection_id: payment.payment_collection_id },
  })
  return ((data[0] as any)?.order_id as string | undefined) ?? null
}
