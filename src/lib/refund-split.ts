import { InvalidInputError } from "./errors"
import { stripeCardStep } from "./stripe-terminal"

/** A payment of an order as far as refunds are concerned. */
export type RefundablePayment = {
  id: string
  /**
   * card: Stripe Terminal at a till, or an online card payment; cash: a till's cash tender;
   * gift_card and store_credit: what a gift card or store credit paid (a credit line of the order)
   */
  kind: "gift_card" | "store_credit" | "card" | "cash" | "other"
  /** captured and already refunded, in the currency's main unit */
  captured: number
  refunded: number
  created_at: Date | string
}

export type RefundPart = { payment_id: string; kind: RefundablePayment["kind"]; amount: number }

const ORDER: Record<RefundablePayment["kind"], number> = { gift_card: 0, store_credit: 1, card: 2, other: 3, cash: 4 }

/**
 * Splits a refund across an order's payments, to the original tenders:
 * gift cards and store credit first, then cards (the most recent first), then
 * other payment methods, then cash (the most recent first), each up to what it
 * has left (captured minus refunded). Worked in the currency's smallest unit,
 * so the parts always add up to the amount exactly. A refund above what is
 * left to refund is refused.
 *
 * Why this order: value paid from a gift card or store credit goes back onto it
 * (no money leaves the shop, and the customer had it as credit); a card refund
 * needs no cash in the drawer and goes back exactly where the money came from;
 * the most recent tender is the one the customer last paid with, which is what
 * they expect back first.
 */
export function splitRefund(
  amount: number,
  payments: RefundablePayment[],
  currency: { code: string; decimals: number }
): RefundPart[] {
  const currencyCode = currency.code
  const scale = 10 ** currency.decimals
  const minor = (value: number) => Math.round(value * scale)
  if (!(amount > 0) || Math.abs(amount * scale - Math.round(amount * scale)) > 1e-6) {
    throw new InvalidInputError(
      `A refund is more than 0 with at most ${currency.decimals} decimal(s) in ${currencyCode.toUpperCase()}; got ${amount}`
    )
  }
  const ordered = [...payments].sort(
    (a, b) =>
      ORDER[a.kind] - ORDER[b.kind] ||
      new Date(b.created_at).getTime() - new Date(a.created_at).getTime() ||
      a.id.localeCompare(b.id)
  )
  const left = ordered.map((p) => Math.max(0, minor(p.captured) - minor(p.refunded)))
  const refundable = left.reduce((sum, value) => sum + value, 0)
  let remaining = minor(amount)
  if (remaining > refundable) {
    throw new InvalidInputError(
      `Refund ${amount} is more than the ${refundable / scale} ${currencyCode.toUpperCase()} left to refund on these payments`
    )
  }
  const parts: RefundPart[] = []
  // a card takes what Stripe can refund (KWD in steps of 0.010); the odd rest goes to the next tender
  const cardStep = stripeCardStep(currencyCode, currency.decimals)
  ordered.forEach((payment, i) => {
    let take = Math.min(remaining, left[i])
    if (payment.kind === "card") {
      take -= take % cardStep
    }
    if (take > 0) {
      parts.push({ payment_id: payment.id, kind: payment.kind, amount: take / scale })
      remaining -= take
    }
  })
  if (remaining > 0) {
    throw new InvalidInputError(
      `Refund ${amount}: ${remaining / scale} ${currencyCode.toUpperCase()} of it is finer than a card can be refunded in (Stripe) and no other tender can take it`
    )
  }
  return parts
}
