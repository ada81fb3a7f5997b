import type { BigNumberInput } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { creditAccountsWorkflow } from "@medusajs/loyalty-plugin/workflows"
import { giftCardsById, STORE_CREDIT_MODULE } from "../loyalty/utils/loyalty"
import { currencyDecimals, roundToCurrency } from "../utils/money"
import { clientMessage } from "../utils/client-message"
import { splitRefund, type RefundablePayment } from "../../lib/refund-split"
import { REFUND_KEY_FIELD, REFUSED_BY_STRIPE } from "../../providers/stripe-terminal/service"
import { POS_MODULE } from "../../modules/pos"
import { RefundStatus } from "../../modules/pos/models/refund"
import { ShiftStatus } from "../../modules/pos/models/shift"
import type PosModuleService from "../../modules/pos/service"

type Container = { resolve: (key: string) => any }

export type RefundPartRecord = {
  payment_id: string
  kind: RefundablePayment["kind"]
  provider_id: string
  amount: number
  status: "pending" | "succeeded" | "failed"
  /** raised when Stripe refused the part, so that a retry is a new request to Stripe */
  attempt: number
  error: string | null
}

export type RefundToTendersInput = {
  order_id: string
  amount: number
  idempotency_key: string
  reason?: string
  staff_id: string
  store_id: string
  /** the open shift whose drawer pays cash parts */
  shift_id?: string
}

/** An order's payments as the refund split sees them: cash tenders, cards (till or online), others. */
export async function refundablePayments(container: Container, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "display_id",
      "currency_code",
      "payment_collections.payments.id",
      "payment_collections.payments.provider_id",
      "payment_collections.payments.data",
      "payment_collections.payments.payment_session.id",
      "payment_collections.payments.created_at",
      "payment_collections.payments.canceled_at",
      "payment_collections.payments.captures.amount",
      "payment_collections.payments.refunds.amount",
      "payment_collections.payments.refunds.note",
      "credit_lines.id",
      "credit_lines.reference",
      "credit_lines.reference_id",
      "credit_lines.amount",
      "credit_lines.created_at",
    ],
    filters: { id: orderId },
  })
  const order = data[0] as any
  if (!order) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found`)
  }
  // which tender each payment records (cash tenders use the system provider, like manual online payments)
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const [sale] = await pos.listPosSales({ order_id: orderId }, { relations: ["tenders"] })
  const tenderBySession = new Map((sale?.tenders ?? []).filter((t) => t.payment_session_id).map((t) => [t.payment_session_id!, t]))
  const sum = (rows: any[] | undefined) => MathBN.add(0, ...(rows ?? []).map((r) => r?.amount ?? 0)).toNumber()
  const payments = ((order.payment_collections ?? []) as any[])
    .flatMap((pc) => pc?.payments ?? [])
    .filter((p: any) => p && !p.canceled_at)
    .map((p: any) => ({
      id: p.id as string,
      provider_id: p.provider_id as string,
      data: p.data ?? {},
      kind: (tenderBySession.get(p.payment_session?.id)?.type === "cash"
        ? "cash"
        : String(p.provider_id).startsWith("pp_stripe")
          ? "card"
          : "other") as RefundablePayment["kind"],
      captured: sum(p.captures),
      refunded: sum(p.refunds),
      created_at: p.created_at,
      notes: ((p.refunds ?? []) as any[]).map((r) => String(r?.note ?? "")),
    }))
  // what gift cards and store credit paid (the order's credit lines), less what earlier refunds put back on them.
  // Medusa copies an order's credit lines with new ids at each version (a return, an exchange): each card or
  // account is keyed by itself ("gift-card:<gift card id>", "store-credit:<account id>"), not by the line.
  const creditLines = ((order.credit_lines ?? []) as any[]).filter(
    (l) => l && (l.reference === "gift-card" || l.reference === "store-credit") && MathBN.gt(l.amount ?? 0, 0)
  )
  if (creditLines.length) {
    const refunds = await pos.listPosRefunds({ order_id: orderId }, { select: ["parts"] })
    const given = (key: string) =>
      MathBN.add(
        0,
        ...refunds.flatMap((r) =>
          ((r.parts as unknown as RefundPartRecord[]) ?? []).filter((p) => p.payment_id === key && p.status === "succeeded").map((p) => p.amount)
        )
      ).toNumber()
    const byKey = new Map<string, { reference: string; reference_id: string; amount: BigNumberInput; created_at: unknown }>()
    for (const line of creditLines) {
      const key = `${line.reference}:${line.reference_id}`
      const seen = byKey.get(key)
      byKey.set(key, {
        reference: line.reference,
        reference_id: line.reference_id,
        amount: MathBN.add(seen?.amount ?? 0, line.amount),
        created_at: seen?.created_at ?? line.created_at,
      })
    }
    for (const [key, credit] of byKey) {
      const kind = credit.reference === "gift-card" ? ("gift_card" as const) : ("store_credit" as const)
      payments.push({
        id: key,
        provider_id: kind,
        data: { reference_id: credit.reference_id },
        kind,
        captured: MathBN.convert(credit.amount).toNumber(),
        refunded: given(key),
        created_at: credit.created_at as any,
        notes: [],
      })
    }
  }
  return { order, payments }
}

/**
 * A part of a refund that goes back onto a gift card or store credit: a credit in the plugin's ledger
 * of the card's or the customer's account (reference `pos_refund`, the part's tag: asked again, it is
 * found, not credited twice), and a transaction on the order so that Medusa's order shows it refunded.
 */
async function refundToCredit(
  container: Container,
  input: { order: { id: string; currency_code: string }; kind: "gift_card" | "store_credit"; reference_id: string; amount: number; tag: string; note: string }
) {
  const accountId =
    input.kind === "gift_card" ? (await giftCardsById(container, [input.reference_id])).get(input.reference_id)?.account_id : input.reference_id
  if (!accountId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Gift card ${input.reference_id} has no store credit account to refund to`)
  }
  const [credited] = await container.resolve(STORE_CREDIT_MODULE).listAccountTransactions({ reference: "pos_refund", reference_id: input.tag }, { select: ["id"] })
  if (!credited) {
    await creditAccountsWorkflow(container as any).run({
      input: [{ account_id: accountId, amount: input.amount, reference: "pos_refund", reference_id: input.tag, note: input.note }],
    })
  }
  const orders = container.resolve(Modules.ORDER)
  const [recorded] = await orders.listOrderTransactions({ order_id: input.order.id, reference_id: input.tag }, { select: ["id"] })
  if (!recorded) {
    await orders.addOrderTransactions({
      order_id: input.order.id,
      amount: -input.amount,
      currency_code: input.order.currency_code,
      reference: input.kind === "gift_card" ? "pos_gift_card_refund" : "pos_store_credit_refund",
      reference_id: input.tag,
    } as any)
  }
}

/** json columns are typed as objects; a list of parts is stored as it is */
const asJson = (parts: RefundPartRecord[]) => parts as unknown as Record<string, unknown>

const tagOf = (refundId: string, index: number) => `${refundId}-${index}`

/**
 * Refunds an amount of an order to its original tenders (splitRefund): each
 * part through Medusa's refund workflow and the payment's provider (cards
 * back to the card through Stripe, cash out of the given shift's drawer, with
 * a cash movement). Progress is kept part by part on the pos_refund row: a
 * failure leaves the refund `failed` with the reason and the parts done stay
 * done; the same idempotency key again finishes it, never refunding a part twice
 * (Stripe sees the same key for a part until Stripe itself refused it).
 */
export async function refundToTenders(container: Container, input: RefundToTendersInput) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const locking = container.resolve(Modules.LOCKING)
  return await locking.execute(`pos:order-refund:${input.order_id}`, async () => {
    let [refund] = await pos.listPosRefunds({ order_id: input.order_id, idempotency_key: input.idempotency_key })
    const { order, payments } = await refundablePayments(container, input.order_id)
    if (refund) {
      if (!MathBN.eq(refund.amount, roundToCurrency(input.amount, order.currency_code))) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `idempotency_key ${input.idempotency_key} was used for another refund (${refund.id}, ${Number(refund.amount)})`
        )
      }
      if (refund.status === RefundStatus.SUCCEEDED) {
        return { refund, replayed: true }
      }
      // cash still to pay out comes from a drawer that is open now: the first one's, or the caller's once that shift closed
      if ((refund.parts as unknown as RefundPartRecord[]).some((p) => p.kind === "cash" && p.status !== "succeeded")) {
        const [first] = refund.shift_id ? await pos.listPosShifts({ id: refund.shift_id, status: ShiftStatus.OPEN }) : []
        if (!first) {
          await assertDrawer(pos, input)
          refund = await pos.updatePosRefunds({ id: refund.id, shift_id: input.shift_id! })
        }
      }
    } else {
      const amount = roundToCurrency(input.amount, order.currency_code)
      const parts = splitRefund(amount, payments, { code: order.currency_code, decimals: currencyDecimals(order.currency_code) })
      if (parts.some((p) => p.kind === "cash")) {
        await assertDrawer(pos, input)
      }
      refund = await pos.createPosRefunds({
        order_id: input.order_id,
        store_id: input.store_id,
        staff_id: input.staff_id,
        shift_id: input.shift_id ?? null,
        idempotency_key: input.idempotency_key,
        amount,
        currency_code: order.currency_code,
        reason: input.reason ?? null,
        status: RefundStatus.PENDING,
        parts: asJson(
          parts.map(
            (p): RefundPartRecord => ({
              ...p,
              provider_id: payments.find((x) => x.id === p.payment_id)!.provider_id,
              status: "pending",
              attempt: 0,
              error: null,
            })
          )
        ),
      })
    }

    const parts = [...((refund.parts as unknown as RefundPartRecord[]) ?? [])]
    let failure: string | null = null
    for (const [index, part] of parts.entries()) {
      if (part.status === "succeeded") {
        continue
      }
      // the same key while the outcome is unknown (Stripe replays it); a new one after Stripe said no
      const tag = tagOf(refund.id, index) + (part.attempt ? `-${part.attempt}` : "")
      const payment = payments.find((p) => p.id === part.payment_id)
      try {
        if (part.kind === "gift_card" || part.kind === "store_credit") {
          await refundToCredit(container, {
            order,
            kind: part.kind,
            // the key names the card or account, so a part retried after the order's version moved still finds it
            reference_id: String(part.payment_id).slice(String(part.payment_id).indexOf(":") + 1),
            amount: part.amount,
            tag,
            note: `${refund.reason ?? "Refund at the till"} of order #${order.display_id}`,
          })
        } else if (!payment?.notes.some((note) => note.includes(`[${tag}]`))) {
          // a part Medusa already recorded (the answer was lost) is not refunded again
          if (payment && payment.provider_id === pos.settings.card_payment_provider_id) {
            // Stripe's idempotency key for this part (refund, part, attempt), on the payment where the
            // till's provider reads it: the same part retried from any server is the same refund to Stripe
            await container
              .resolve(Modules.PAYMENT)
              .updatePayment({ id: payment.id, data: { ...payment.data, [REFUND_KEY_FIELD]: tag } })
          }
          await refundPaymentWorkflow(container as any).run({
            input: {
              payment_id: part.payment_id,
              amount: part.amount,
              created_by: input.staff_id,
              note: `${refund.reason ?? "Refund at the till"} [${tag}]`,
            },
          })
        }
        if (part.kind === "cash" && refund.shift_id) {
          const reason = `Refund of order #${order.display_id} [${tag}]`
          const [paidOut] = await pos.listPosCashMovements({ shift_id: refund.shift_id, reason }, { select: ["id"] })
          if (!paidOut) {
            await pos.createPosCashMovements({ shift_id: refund.shift_id, amount: -part.amount, reason, staff_id: input.staff_id })
          }
        }
        parts[index] = { ...part, status: "succeeded", error: null }
      } catch (error: any) {
        failure = clientMessage(container, error, `Refund ${refund.id}, part ${index}`)
        const refused = String(failure).includes(REFUSED_BY_STRIPE)
        parts[index] = { ...part, status: "failed", error: failure, attempt: (part.attempt ?? 0) + (refused ? 1 : 0) }
      }
      await pos.updatePosRefunds({ id: refund.id, parts: asJson(parts) })
      if (failure) {
        break
      }
    }
    refund = await pos.updatePosRefunds({
      id: refund.id,
      parts: asJson(parts),
      status: failure ? RefundStatus.FAILED : RefundStatus.SUCCEEDED,
      failure_reason: failure,
    })
    await pos.createPosAuditLogs({
      actor_type: "staff",
      actor_id: input.staff_id,
      store_id: input.store_id,
      action: failure ? "order.refund_failed" : "order.refunded",
      resource_type: "order",
      resource_id: input.order_id,
      data: { refund_id: refund.id, amount: Number(refund.amount), parts, failure },
    })
    await container.resolve(Modules.EVENT_BUS).emit({
      name: failure ? "pos.refund.failed" : "pos.refund.succeeded",
      data: { id: refund.id, order_id: input.order_id, store_id: input.store_id },
    })
    return { refund, replayed: false }
  })
}

export async function assertDrawer(pos: PosModuleService, input: RefundToTendersInput) {
  if (!input.shift_id) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Part of this refund goes back in cash: give shift_id, the open shift whose drawer pays it"
    )
  }
  const [shift] = await pos.listPosShifts({ id: input.shift_id, store_id: input.store_id })
  if (!shift || shift.status !== ShiftStatus.OPEN) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Shift ${input.shift_id} is not an open shift of this store; cash refunds come out of an open drawer`
    )
  }
}
