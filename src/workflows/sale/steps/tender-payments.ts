import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { POS_MODULE } from "../../../modules/pos"
import { TenderStatus, TenderType } from "../../../modules/pos/models/tender"
import type PosModuleService from "../../../modules/pos/service"
import { ensurePaymentCollection, terminalStripe } from "../utils/card-tender"

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
  async (input: { sale_id: string; cart_id: string }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const payment = container.resolve(Modules.PAYMENT)
    const sale = await pos.retrievePosSale(input.sale_id, { relations: ["tenders"] })
    const collectionId = await ensurePaymentCollection(container, input.cart_id)
    const succeeded = sale.tenders.filter((t) => t.status === TenderStatus.SUCCEEDED)
    const keep = new Set(succeeded.map((t) => t.payment_session_id).filter(Boolean))
    const [collection] = await payment.listPaymentCollections({ id: collectionId }, { relations: ["payment_sessions"] })
    for (const session of collection?.payment_sessions ?? []) {
      if (!keep.has(session.id)) {
        await payment.deletePaymentSession(session.id)
      }
    }
    const created: { tender_id: string; session_id: string }[] = []
    for (const tender of succeeded.filter((t) => !t.payment_session_id)) {
      const session = await payment.createPaymentSession(collectionId, {
        provider_id: pos.settings.cash_payment_provider_id,
        currency_code: sale.currency_code,
        amount: tender.amount,
        data: { sale_id: sale.id, tender_id: tender.id, type: tender.type },
      })
      await pos.updatePosTenders({ id: tender.id, payment_session_id: session.id })
      created.push({ tender_id: tender.id, session_id: session.id })
    }
    return new StepResponse({ payment_collection_id: collectionId }, { sale_id: sale.id, created })
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
    // Undoing the completion released the card authorizations (Medusa cancels the
    // payments it authorized): those tenders are no longer money in hand.
    const sale = await pos.retrievePosSale(data.sale_id, { relations: ["tenders"] })
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
 * Medusa's cart completion authorizes one payment session; the sale's other
 * tenders are authorized here, into payments of the same collection.
 */
export const authorizeTenderPaymentsStep = createStep(
  authorizeTenderPaymentsStepId,
  async (input: { payment_collection_id: string }, { container }) => {
    const payment = container.resolve(Modules.PAYMENT)
    const [collection] = await payment.listPaymentCollections(
      { id: input.payment_collection_id },
      { relations: ["payment_sessions", "payment_sessions.payment"] }
    )
    const authorized: string[] = []
    for (const session of collection?.payment_sessions ?? []) {
      if (!(session as any).payment) {
        const created = await payment.authorizePaymentSession(session.id, {})
        if (created) {
          authorized.push(created.id)
        }
      }
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

/** Captures each of the order's payments that is not captured yet (one per tender). */
export const captureOrderPaymentsStep = createStep(
  captureOrderPaymentsStepId,
  async (input: { order_id: string; staff_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ["payment_collections.payments.id", "payment_collections.payments.captured_at", "payment_collections.payments.canceled_at"],
      filters: { id: input.order_id },
    })
    const payments = ((data[0] as any)?.payment_collections ?? []).flatMap((pc: any) => pc?.payments ?? [])
    let captured = 0
    for (const p of payments) {
      if (p && !p.captured_at && !p.canceled_at) {
        await capturePaymentWorkflow(container).run({ input: { payment_id: p.id, captured_by: input.staff_id } })
        captured++
      }
    }
    return new StepResponse({ captured })
  }
)
