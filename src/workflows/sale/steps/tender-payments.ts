import { ContainerRegistrationKeys, MedusaError, Modules, PaymentEvents } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import { TenderStatus, TenderType } from "../../../modules/pos/models/tender"
import type PosModuleService from "../../../modules/pos/service"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { terminalStripe } from "../utils/card-tender"

export const recordTenderPaymentsStepId = "record-pos-tender-payments"

/**
 * Every succeeded tender becomes a payment session of the cart's payment
 * collection: a card tender has one already (its PaymentIntent); each cash
 * tender gets one with the cash provider (Medusa's system provider by
 * default). So each tender is a Medusa payment of the order, which refunds
 * can find. Sessions of tenders that did not succeed are removed.
 */
export const recordTenderPaymentsStep = createStep(
  recordTenderPaymentsStepId,
  async (
    input: {
      sale_id: string
      cart_id: string
      /** the cart's payment collection, if it has one (a card tender made it) */
      payment_collection_id: string | null
      currency_code: string
      /** Medusa's unrounded cart total, for a new payment collection */
      raw_total: unknown
      /** the sale's succeeded tenders, as the completion read them under the sale's lock */
      tenders: { id: string; type: string; amount: unknown; payment_session_id: string | null }[]
    },
    { container }
  ) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const payment = container.resolve(Modules.PAYMENT)
    const succeeded = input.tenders
    if (!input.payment_collection_id && !succeeded.length) {
      // paid whole by gift cards or store credit: the cart's total is 0, Medusa's completion takes no payment
      return new StepResponse(
        { payment_collection_id: null as string | null },
        { sale_id: input.sale_id, created: [] as { tender_id: string; session_id: string }[], created_collection: null as string | null, cart_id: input.cart_id }
      )
    }
    let collectionId = input.payment_collection_id
    let createdCollection: string | null = null
    // sessions whose payment was canceled (an earlier completion's authorization, undone): no longer money in hand
    const released = new Set<string>()
    if (collectionId) {
      const keep = new Set(succeeded.map((t) => t.payment_session_id).filter(Boolean))
      const [collection] = await payment.listPaymentCollections(
        { id: collectionId },
        { relations: ["payment_sessions", "payment_sessions.payment"] }
      )
      // a card whose session is gone (a cart refresh dropped it, releasing the authorization) is no longer money in hand
      const sessionIds = new Set((collection?.payment_sessions ?? []).map((ps) => ps.id))
      const lost = succeeded.find((t) => t.type === TenderType.CARD && t.payment_session_id && !sessionIds.has(t.payment_session_id))
      if (lost) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `The card payment of tender ${lost.id} is no longer authorized on this sale; cancel that tender and take the card again`
        )
      }
      for (const session of collection?.payment_sessions ?? []) {
        const sessionPayment = (session as any).payment as { id: string; canceled_at: unknown } | null | undefined
        if (keep.has(session.id)) {
          if (sessionPayment?.canceled_at) {
            released.add(session.id)
          }
        } else if (!sessionPayment) {
          await payment.deletePaymentSession(session.id)
        } else if (!sessionPayment.canceled_at) {
          // a payment of no tender of the sale (kept with its session): it must not be captured
          await payment.cancelPayment(sessionPayment.id)
        }
      }
    } else {
      // The cart's collection, as Medusa's createPaymentCollectionForCartWorkflow makes it (for the
      // cart's total, linked to the cart), from the total this completion has just read.
      const [collection] = await payment.createPaymentCollections([
        { currency_code: input.currency_code, amount: input.raw_total as any },
      ])
      createdCollection = collectionId = collection.id
      await container
        .resolve(ContainerRegistrationKeys.LINK)
        .create({ [Modules.CART]: { cart_id: input.cart_id }, [Modules.PAYMENT]: { payment_collection_id: collection.id } })
    }
    const card = succeeded.find((t) => t.type === TenderType.CARD && t.payment_session_id && released.has(t.payment_session_id))
    if (card) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The card authorization of tender ${card.id} was released by an earlier completion that failed; cancel that tender and take the card again`
      )
    }
    const created: { tender_id: string; session_id: string }[] = []
    // a cash tender gets a session, or a new one for a session whose payment was canceled
    for (const tender of succeeded.filter((t) => !t.payment_session_id || released.has(t.payment_session_id))) {
      const session = await payment.createPaymentSession(collectionId!, {
        provider_id: pos.settings.cash_payment_provider_id,
        currency_code: input.currency_code,
        amount: tender.amount as any,
        data: { sale_id: input.sale_id, tender_id: tender.id, type: tender.type },
      })
      await pos.updatePosTenders({ id: tender.id, payment_session_id: session.id })
      created.push({ tender_id: tender.id, session_id: session.id })
    }
    return new StepResponse(
      { payment_collection_id: collectionId as string | null },
      { sale_id: input.sale_id, created, created_collection: createdCollection, cart_id: input.cart_id }
    )
  },
  async (data, { container }) => {
    if (!data) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const payment = container.resolve(Modules.PAYMENT)
    for (const { tender_id, session_id } of data.created) {
      await payment.deletePaymentSession(session_id).catch(() => undefined)
      await pos.updatePosTenders({ id: tender_id, payment_session_id: null })
    }
    if (data.created_collection) {
      await container.resolve(ContainerRegistrationKeys.LINK).dismiss({
        [Modules.CART]: { cart_id: data.cart_id },
        [Modules.PAYMENT]: { payment_collection_id: data.created_collection },
      })
      await payment.deletePaymentCollections([data.created_collection])
    }
  }
)

export const failReleasedCardTendersStepId = "fail-released-pos-card-tenders"

/**
 * Does nothing going forward. When the completion is undone after Medusa's cart
 * completion authorized the payments, that undoing canceled them, which for a
 * card releases its authorization at Stripe: such a tender is no longer money
 * in hand, and is marked failed so the till takes the card again. Placed just
 * before the cart completion, so that its compensation runs after Medusa's.
 */
export const failReleasedCardTendersStep = createStep(
  failReleasedCardTendersStepId,
  async (input: { sale_id: string }) => new StepResponse(void 0, input.sale_id),
  async (saleId, { container }) => {
    if (!saleId) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const sale = await pos.retrievePosSale(saleId, { relations: ["tenders"] })
    for (const tender of sale.tenders) {
      if (tender.type !== TenderType.CARD || tender.status !== TenderStatus.SUCCEEDED || !tender.payment_intent_id) {
        continue
      }
      const intent = await terminalStripe(container).paymentIntents.retrieve(tender.payment_intent_id)
      if (intent.status === "canceled") {
        await pos.updatePosTenders({
          id: tender.id,
          status: TenderStatus.FAILED,
          failure_reason: "The sale's completion failed and released this card's authorization; take the card again",
        })
      }
    }
  }
)

export const authorizeTenderPaymentsStepId = "authorize-pos-tender-payments"

/**
 * Medusa's cart completion authorizes one payment session (a cart pays with
 * one); a sale paid with several tenders has a session each, and the others
 * are authorized here, right after it. A session authorized already (a card's,
 * or an interrupted completion's) keeps its payment. Compensation cancels what
 * this step authorized.
 */
export const authorizeTenderPaymentsStep = createStep(
  authorizeTenderPaymentsStepId,
  async (input: { payment_collection_id: string | null }, { container }) => {
    if (!input.payment_collection_id) {
      return new StepResponse(void 0, [] as string[])
    }
    const payment = container.resolve(Modules.PAYMENT)
    const sessions = await payment.listPaymentSessions(
      { payment_collection_id: input.payment_collection_id } as any,
      { select: ["id", "status"] }
    )
    const authorized: string[] = []
    try {
      for (const session of sessions.filter((s: any) => !["authorized", "captured", "canceled"].includes(s.status))) {
        const created = await payment.authorizePaymentSession(session.id, {})
        if (created) {
          authorized.push(created.id)
        }
      }
    } catch (error) {
      // a step that throws is not compensated: what it authorized is canceled here
      for (const id of authorized) {
        await payment.cancelPayment(id).catch(() => undefined)
      }
      throw error
    }
    return new StepResponse(void 0, authorized)
  },
  async (authorized, { container }) => {
    const payment = container.resolve(Modules.PAYMENT)
    for (const id of authorized ?? []) {
      await payment.cancelPayment(id).catch(() => undefined)
    }
  }
)

export const captureOrderPaymentsStepId = "capture-pos-order-payments"

/**
 * Captures each of the order's payments that is not captured yet (one per
 * tender) with Medusa's capturePaymentWorkflow, which records the capture as
 * the order's transaction and emits `payment.captured`. A payment captured
 * already is left alone, so a completion asked again captures nothing twice.
 * No compensation: money taken is given back by a refund, never silently.
 */
export const captureOrderPaymentsStep = createStep(
  captureOrderPaymentsStepId,
  async (input: { order_id: string; staff_id: string; payment_collection_id?: string | null }, { container }) => {
    return new StepResponse(await captureOrderPayments(container, input))
  }
)

/** Captures each payment of the order not captured (nor canceled) yet; answers how many it captured. */
export async function captureOrderPayments(
  container: { resolve: (key: string) => any },
  input: { order_id: string; staff_id: string; payment_collection_id?: string | null }
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const payment = container.resolve(Modules.PAYMENT)
  // the completion just placed the order with this collection; a completion asked again finds it through the order
  const payments = input.payment_collection_id
    ? await payment.listPayments({ payment_collection_id: input.payment_collection_id } as any, { select: ["id", "captured_at", "canceled_at"] })
    : (
        (
          await query.graph({
            entity: "order",
            fields: ["payment_collections.payments.id", "payment_collections.payments.captured_at", "payment_collections.payments.canceled_at"],
            filters: { id: input.order_id },
          })
        ).data[0] as any
      )?.payment_collections?.flatMap((pc: any) => pc?.payments ?? []) ?? []
  let captured = 0
  for (const p of payments) {
    if (p && !p.captured_at && !p.canceled_at) {
      await capturePaymentWorkflow(container as any).run({ input: { payment_id: p.id, captured_by: input.staff_id } })
      captured++
    }
  }
  return captured
}

export const recordCaptureTransactionsStepId = "record-pos-capture-transactions"

/**
 * A repair for a process that died inside capturePaymentWorkflow, between the
 * capture at the payment module and its transaction on the order: every
 * capture without its transaction (reference "capture") gets it, as Medusa's
 * workflow records it, and `payment.captured` is emitted for its payment. When
 * nothing was cut off, it finds nothing to do.
 *
 * Like the capture, this is not undone when a later step fails: the money stays
 * taken, so the order must go on showing it paid (Medusa's capturePaymentWorkflow
 * runs on its own for the same reason). For that reason too the event is
 * emitted at once, not with the workflow's other events at its end.
 */
export const recordCaptureTransactionsStep = createStep(
  recordCaptureTransactionsStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: [
        "currency_code",
        "transactions.reference",
        "transactions.reference_id",
        "payment_collections.payments.id",
        "payment_collections.payments.currency_code",
        "payment_collections.payments.captures.id",
        "payment_collections.payments.captures.raw_amount",
      ],
      filters: { id: input.order_id },
    })
    const order = data[0] as any
    const recorded = new Set(
      ((order?.transactions ?? []) as any[]).filter((t) => t?.reference === "capture").map((t) => t.reference_id)
    )
    const missing: { payment_id: string; transaction: Record<string, unknown> }[] = []
    for (const p of ((order?.payment_collections ?? []) as any[]).flatMap((pc) => pc?.payments ?? []).filter(Boolean)) {
      for (const c of ((p.captures ?? []) as any[]).filter((c) => c && !recorded.has(c.id))) {
        missing.push({
          payment_id: p.id,
          transaction: {
            order_id: input.order_id,
            amount: c.raw_amount,
            currency_code: p.currency_code ?? order.currency_code,
            reference: "capture",
            reference_id: c.id,
          },
        })
      }
    }
    if (missing.length) {
      await container.resolve(Modules.ORDER).addOrderTransactions(missing.map((m) => m.transaction) as any)
      const payments = [...new Set(missing.map((m) => m.payment_id))]
      await container
        .resolve(Modules.EVENT_BUS)
        .emit(payments.map((id) => ({ name: PaymentEvents.CAPTURED, data: { id } })))
    }
    return new StepResponse({ recorded: missing.length })
  }
)
