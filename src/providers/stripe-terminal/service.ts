import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  PaymentSessionStatus,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import { AbstractPaymentProvider, MathBN, MedusaError } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import {
  resolveStripeTerminalOptions,
  stripeClient,
  stripeIdempotencyKey,
  toMinorUnits,
  type ResolvedStripeTerminalOptions,
  type StripeTerminalOptions,
} from "../../lib/stripe-terminal"

/**
 * Where the refund flow leaves, on the payment's data, the idempotency key of
 * the refund it is about to make: state in the database, not in a process, so
 * a retry on any server is the same refund to Stripe.
 */
export const REFUND_KEY_FIELD = "pos_refund_key"

/** The start of the message of a refund Stripe refused (as opposed to one whose outcome is unknown). */
export const REFUSED_BY_STRIPE = "Stripe refused the refund"

/** What a card tender's payment session carries. */
export type StripeTerminalSessionData = {
  sale_id: string
  tender_id: string
  payment_intent_id?: string
}

/** The PaymentIntent a card-present tender is charged with: manual capture, card present only. */
export function cardPresentIntentParams(
  amount: number,
  currencyCode: string,
  data: StripeTerminalSessionData
): Stripe.PaymentIntentCreateParams {
  return {
    amount: toMinorUnits(amount, currencyCode),
    currency: currencyCode.toLowerCase(),
    allowed_payment_method_types: ["card_present"],
    capture_method: "manual",
    // not `session_id`: Medusa's own Stripe provider acts on intents that carry it
    metadata: { pos_sale_id: data.sale_id, pos_tender_id: data.tender_id },
  }
}

const STATUS: Record<string, PaymentSessionStatus> = {
  requires_capture: "authorized" as PaymentSessionStatus,
  succeeded: "captured" as PaymentSessionStatus,
  canceled: "canceled" as PaymentSessionStatus,
  processing: "pending" as PaymentSessionStatus,
  requires_payment_method: "pending" as PaymentSessionStatus,
  requires_confirmation: "pending" as PaymentSessionStatus,
  requires_action: "requires_more" as PaymentSessionStatus,
}

/**
 * Card-present payments through Stripe Terminal's server-driven integration.
 * A session is one card tender: initiating it creates the PaymentIntent the
 * register's reader then collects; it is authorized once the card was
 * approved on the reader, captured when the sale completes, canceled when the
 * tender or the sale is. Refunds go back to the card. Provider id:
 * `pp_stripe-terminal_<id>` (the id given in the payment module's providers).
 */
class StripeTerminalProviderService extends AbstractPaymentProvider<StripeTerminalOptions> {
  static identifier = "stripe-terminal"

  protected readonly settings: ResolvedStripeTerminalOptions

  static validateOptions(options: Record<string, unknown>) {
    if (!resolveStripeTerminalOptions(options as StripeTerminalOptions).api_key) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "The Stripe Terminal payment provider needs a secret key: the api_key option or STRIPE_API_KEY"
      )
    }
  }

  constructor(container: Record<string, unknown>, options: StripeTerminalOptions) {
    super(container, options)
    this.settings = resolveStripeTerminalOptions(options)
  }

  protected get stripe(): Stripe {
    return stripeClient(this.settings)!
  }

  private intentId(data: Record<string, unknown> | undefined): string {
    const id = (data as StripeTerminalSessionData | undefined)?.payment_intent_id
    if (!id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "This Stripe Terminal payment has no PaymentIntent")
    }
    return id
  }

  private key(data: Record<string, unknown> | undefined, operation: string) {
    const d = (data ?? {}) as StripeTerminalSessionData
    return stripeIdempotencyKey(d.sale_id, d.tender_id, operation)
  }

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const data = input.data as StripeTerminalSessionData | undefined
    if (!data?.sale_id || !data?.tender_id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "A Stripe Terminal payment is started by a POS card tender")
    }
    const intent = await this.stripe.paymentIntents.create(
      cardPresentIntentParams(MathBN.convert(input.amount).toNumber(), input.currency_code, data),
      { idempotencyKey: this.key(data, "create") }
    )
    return { id: intent.id, data: { ...data, payment_intent_id: intent.id }, status: STATUS[intent.status] }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const intent = await this.stripe.paymentIntents.retrieve(this.intentId(input.data))
    return { status: STATUS[intent.status] ?? ("error" as PaymentSessionStatus), data: input.data }
  }

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const id = this.intentId(input.data)
    const intent = await this.stripe.paymentIntents.retrieve(id)
    if (intent.status !== "succeeded") {
      await this.stripe.paymentIntents.capture(id, {}, { idempotencyKey: this.key(input.data, "capture") })
    }
    return { data: input.data }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const id = (input.data as StripeTerminalSessionData | undefined)?.payment_intent_id
    if (!id) {
      return { data: input.data }
    }
    const intent = await this.stripe.paymentIntents.retrieve(id)
    if (intent.status !== "canceled" && intent.status !== "succeeded") {
      await this.stripe.paymentIntents.cancel(id, {}, { idempotencyKey: this.key(input.data, "cancel") })
    }
    return { data: input.data }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return await this.cancelPayment(input)
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const id = this.intentId(input.data)
    const intent = await this.stripe.paymentIntents.retrieve(id)
    // the till's refund and part (stable across retries, stored on the payment by the refund flow),
    // else Medusa's refund record
    const { [REFUND_KEY_FIELD]: refundKey, ...data } = (input.data ?? {}) as Record<string, unknown>
    const tag =
      (typeof refundKey === "string" ? refundKey : undefined) ??
      input.context?.idempotency_key ??
      String(toMinorUnits(MathBN.convert(input.amount).toNumber(), intent.currency))
    const operation = `refund-${tag}`
    try {
      await this.stripe.refunds.create(
        { payment_intent: id, amount: toMinorUnits(MathBN.convert(input.amount).toNumber(), intent.currency) },
        { idempotencyKey: this.key(input.data, operation) }
      )
    } catch (error: any) {
      // Stripe answered and said no: this refund will not happen under this key
      if (error?.type === "StripeInvalidRequestError" || error?.type === "StripeCardError") {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `${REFUSED_BY_STRIPE}: ${error.message}`)
      }
      throw error
    }
    // the key is spent: the payment's data goes back as it was
    return { data }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const intent = await this.stripe.paymentIntents.retrieve(this.intentId(input.data))
    return { data: { ...input.data, status: intent.status } }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    // a tender's amount is fixed once it is on the reader; a new amount is a new tender
    return { data: input.data }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const intent = await this.stripe.paymentIntents.retrieve(this.intentId(input.data))
    return { status: STATUS[intent.status] ?? ("error" as PaymentSessionStatus), data: input.data }
  }

  async getWebhookActionAndData(_payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    // Reader results arrive at the plugin's own /hooks/stripe-terminal, which settles the tender.
    return { action: "not_supported" }
  }
}

export default StripeTerminalProviderService
