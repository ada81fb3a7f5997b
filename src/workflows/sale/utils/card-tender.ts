import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createPaymentCollectionForCartWorkflow } from "@medusajs/medusa/core-flows"
import type Stripe from "stripe"
import { stripeClient, stripeIdempotencyKey } from "../../../lib/stripe-terminal"
import { POS_MODULE } from "../../../modules/pos"
import { TenderStatus } from "../../../modules/pos/models/tender"
import type PosModuleService from "../../../modules/pos/service"
import {
  isSimulatedReader,
  SIMULATED_PAYMENT_PROVIDER_ID,
  throwIfSimulatedReaderOff,
} from "../../../modules/pos/utils/simulated-reader"

type Container = { resolve: (key: string) => any }

/** The Stripe client of the plugin's settings; card tenders are refused with the reason when there is none. */
export function terminalStripe(container: Container): Stripe {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const stripe = stripeClient(pos.settings.stripe_terminal)
  if (!stripe) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "Card tenders need Stripe Terminal: set STRIPE_API_KEY (or the plugin's stripe_terminal.api_key) and register the payment provider"
    )
  }
  return stripe
}

/** True for an error thrown by the `stripe` client (Stripe answered with an error, or could not be reached). */
export function isStripeError(error: any): boolean {
  return typeof error?.type === "string" && error.type.startsWith("Stripe")
}

/** A Stripe error as a 4xx that says what Stripe said, instead of a 500. */
export function asStripeRefusal(error: any, what: string): MedusaError {
  const unreachable = error?.type === "StripeConnectionError" || error?.type === "StripeAPIError"
  return new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    unreachable
      ? `${what}: Stripe could not be reached (${error.message}); try again`
      : `${what}: Stripe said ${error.message}${error.code ? ` (${error.code})` : ""}`
  )
}

/** A Stripe error, thrown directly or as the cause of a workflow's error, as a 4xx; anything else as it is. */
export function asStripeRefusalIfAny(error: any, what: string) {
  const cause = error?.cause ?? error
  return isStripeError(cause) ? asStripeRefusal(cause, what) : error
}

/** Runs a call to Stripe (or a workflow that makes one); its errors become 4xx with Stripe's words. */
export async function callStripe<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    throw asStripeRefusalIfAny(error, what)
  }
}

/** The cart's payment collection (created for the cart's total when it has none yet). */
export async function ensurePaymentCollection(container: Container, cartId: string): Promise<string> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const load = async () => {
    const { data } = await query.graph({ entity: "cart", fields: ["payment_collection.id"], filters: { id: cartId } })
    return (data[0] as any)?.payment_collection?.id as string | undefined
  }
  const existing = await load()
  if (existing) {
    return existing
  }
  await createPaymentCollectionForCartWorkflow(container as any).run({ input: { cart_id: cartId } })
  return (await load())!
}

/** Refuses a card tender Medusa could not complete: the provider must be enabled in the cart's region. */
export async function assertProviderInRegion(container: Container, cartId: string, providerId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["region.id", "region.name", "region.payment_providers.id"],
    filters: { id: cartId },
  })
  const region = (data[0] as any)?.region
  if (!(region?.payment_providers ?? []).some((p: any) => p?.id === providerId)) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Payment provider ${providerId} is not enabled in region ${region?.name ?? region?.id}; enable it there to take cards`
    )
  }
}

const FAILURE_WORDS: Record<string, string> = {
  terminal_reader_busy: "The reader is busy with another payment",
  terminal_reader_offline: "The reader is offline",
  terminal_reader_timeout: "The reader did not answer",
  card_declined: "The card was declined",
}

/** A Stripe error as a cashier reads it out. */
export function describeStripeFailure(code: string | null | undefined, message: string | null | undefined) {
  const words = code ? FAILURE_WORDS[code] : undefined
  return [words, message].filter(Boolean).join(": ") || "The payment failed on the reader"
}

/**
 * Sends a pending card tender to the register's reader: a Medusa payment
 * session through the Stripe Terminal provider (which creates the
 * PaymentIntent), then the reader is asked to collect it. A busy or offline
 * reader fails the tender at once, with the reason; the result of a collected
 * card arrives by webhook or poll (settleCardTender). On the simulated reader
 * the session is Medusa's system provider's and nothing is sent anywhere: the
 * till approves or declines it (settleSimulatedCardTender).
 */
export async function startCardTender(
  container: Container,
  input: { sale_id: string; cart_id: string; tender_id: string; reader_id: string; amount: number; currency_code: string }
) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const payment = container.resolve(Modules.PAYMENT)
  if (isSimulatedReader(input.reader_id)) {
    throwIfSimulatedReaderOff(input.reader_id, pos.settings.simulated_reader)
    await assertProviderInRegion(container, input.cart_id, SIMULATED_PAYMENT_PROVIDER_ID)
    const collectionId = await ensurePaymentCollection(container, input.cart_id)
    const session = await payment.createPaymentSession(collectionId, {
      provider_id: SIMULATED_PAYMENT_PROVIDER_ID,
      currency_code: input.currency_code,
      amount: input.amount,
      data: { sale_id: input.sale_id, tender_id: input.tender_id, simulated_reader: true },
    })
    return await pos.updatePosTenders({ id: input.tender_id, payment_session_id: session.id })
  }
  const stripe = terminalStripe(container)
  const providerId = pos.settings.card_payment_provider_id
  await assertProviderInRegion(container, input.cart_id, providerId)
  const collectionId = await ensurePaymentCollection(container, input.cart_id)
  const session = await payment.createPaymentSession(collectionId, {
    provider_id: providerId,
    currency_code: input.currency_code,
    amount: input.amount,
    data: { sale_id: input.sale_id, tender_id: input.tender_id },
  })
  const paymentIntentId = (session.data as any)?.payment_intent_id as string
  await pos.updatePosTenders({ id: input.tender_id, payment_session_id: session.id, payment_intent_id: paymentIntentId })
  try {
    await stripe.terminal.readers.processPaymentIntent(
      input.reader_id,
      { payment_intent: paymentIntentId },
      { idempotencyKey: stripeIdempotencyKey(input.sale_id, input.tender_id, "process") }
    )
  } catch (error: any) {
    if (!isStripeError(error)) {
      throw error
    }
    await closeTender(container, input.tender_id, TenderStatus.FAILED, describeStripeFailure(error.code, error.message))
  }
  return await pos.retrievePosTender(input.tender_id)
}

/** Ends a card tender that did not succeed: its payment session goes (the PaymentIntent is canceled). */
async function closeTender(container: Container, tenderId: string, status: TenderStatus, reason: string) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const tender = await pos.retrievePosTender(tenderId)
  if (tender.payment_session_id) {
    await container.resolve(Modules.PAYMENT).deletePaymentSession(tender.payment_session_id)
  }
  return await pos.updatePosTenders({ id: tenderId, status, failure_reason: reason, payment_session_id: null })
}

/**
 * Brings a pending card tender up to date with Stripe, whichever way the news
 * came (webhook or poll): the PaymentIntent waiting for capture → succeeded;
 * the reader's action failed → failed with the reason; still on the reader
 * past the timeout → the action and the PaymentIntent are canceled, failed.
 * A tender that is no longer pending is left as it is, so a second arrival
 * changes nothing. The caller holds the sale's lock.
 */
export async function settleCardTender(container: Container, tenderId: string) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const tender = await pos.retrievePosTender(tenderId)
  if (tender.status === TenderStatus.PENDING && isSimulatedReader(tender.reader_id)) {
    // nothing to ask anyone: only the reader's timeout applies
    const ageSeconds = (Date.now() - new Date(tender.created_at as any).getTime()) / 1000
    if (ageSeconds > pos.settings.stripe_terminal.reader_timeout_seconds) {
      const reason = `The reader timed out: no card within ${pos.settings.stripe_terminal.reader_timeout_seconds} s`
      return { tender: await closeTender(container, tenderId, TenderStatus.FAILED, reason), changed: true }
    }
    return { tender, changed: false }
  }
  if (tender.status !== TenderStatus.PENDING || !tender.payment_intent_id) {
    return { tender, changed: false }
  }
  const stripe = terminalStripe(container)
  const intent = await stripe.paymentIntents.retrieve(tender.payment_intent_id)
  if (intent.status === "requires_capture" || intent.status === "succeeded") {
    return { tender: await pos.updatePosTenders({ id: tenderId, status: TenderStatus.SUCCEEDED }), changed: true }
  }
  if (intent.status === "canceled") {
    return { tender: await closeTender(container, tenderId, TenderStatus.CANCELED, "The payment was canceled"), changed: true }
  }
  const reader = tender.reader_id ? await stripe.terminal.readers.retrieve(tender.reader_id) : null
  const action = reader && !("deleted" in reader) ? reader.action : null
  const ours = action?.process_payment_intent?.payment_intent === tender.payment_intent_id
  if (ours && action?.status === "failed") {
    const reason = describeStripeFailure(action.failure_code, action.failure_message)
    return { tender: await closeTender(container, tenderId, TenderStatus.FAILED, reason), changed: true }
  }
  const ageSeconds = (Date.now() - new Date(tender.created_at as any).getTime()) / 1000
  if (!ours || ageSeconds > pos.settings.stripe_terminal.reader_timeout_seconds) {
    if (ours && action?.status === "in_progress") {
      await stripe.terminal.readers
        .cancelAction(tender.reader_id!, {}, { idempotencyKey: stripeIdempotencyKey(tender.sale_id, tenderId, "cancel-action") })
        .catch(() => undefined)
    }
    const reason = ours
      ? `The reader timed out: no card within ${pos.settings.stripe_terminal.reader_timeout_seconds} s`
      : "The reader is no longer collecting this payment"
    return { tender: await closeTender(container, tenderId, TenderStatus.FAILED, reason), changed: true }
  }
  return { tender, changed: false }
}

/** Cancels a card tender that is waiting on the reader, or authorized on an open sale. The caller holds the sale's lock. */
export async function cancelCardTender(container: Container, tenderId: string) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const tender = await pos.retrievePosTender(tenderId)
  if (tender.type !== "card") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Tender ${tenderId} is cash; void the sale to give cash back`)
  }
  if (tender.status !== TenderStatus.PENDING && tender.status !== TenderStatus.SUCCEEDED) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Tender ${tenderId} is already ${tender.status}`)
  }
  const sale = await pos.retrievePosSale(tender.sale_id as string, { select: ["id", "status"] })
  if (sale.status !== "open") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Sale ${sale.id} is ${sale.status}: its card payments stand (a completed sale is refunded, not canceled)`
    )
  }
  if (tender.status === TenderStatus.PENDING && tender.reader_id && !isSimulatedReader(tender.reader_id)) {
    const stripe = terminalStripe(container)
    // nothing to cancel when the reader already finished: the PaymentIntent is canceled below either way
    await stripe.terminal.readers
      .cancelAction(tender.reader_id, {}, { idempotencyKey: stripeIdempotencyKey(tender.sale_id, tenderId, "cancel-action") })
      .catch(() => undefined)
  }
  return await closeTender(container, tenderId, TenderStatus.CANCELED, "Canceled at the till")
}

/**
 * The simulated reader's tap: the till approves or declines a card tender
 * waiting on it. Approved, the tender succeeds (its system-provider session is
 * authorized at completion like any other); declined, it fails and its session
 * goes. Anything but a pending tender on the simulated reader is refused. The
 * caller holds the sale's lock.
 */
export async function settleSimulatedCardTender(container: Container, tenderId: string, outcome: "approved" | "declined") {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const tender = await pos.retrievePosTender(tenderId)
  throwIfSimulatedReaderOff(tender.reader_id, pos.settings.simulated_reader)
  if (tender.type !== "card" || tender.status !== TenderStatus.PENDING || !isSimulatedReader(tender.reader_id)) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Tender ${tenderId} is not a card waiting on the simulated reader`)
  }
  if (outcome === "approved") {
    return await pos.updatePosTenders({ id: tenderId, status: TenderStatus.SUCCEEDED })
  }
  return await closeTender(container, tenderId, TenderStatus.FAILED, "The card was declined (simulated reader)")
}
