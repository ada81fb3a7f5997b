import { model } from "@medusajs/framework/utils"
import { PosSale } from "./sale"

export enum TenderType {
  CASH = "cash",
  CARD = "card",
  /** a gift card of Medusa's loyalty plugin: a credit line on the sale's cart */
  GIFT_CARD = "gift_card",
  /** the attached customer's store credit account (loyalty plugin): a credit line on the cart */
  STORE_CREDIT = "store_credit",
}

/** Tenders that are credit lines of the cart (debited by the loyalty plugin at completion), not payments. */
export const CREDIT_TENDER_TYPES: readonly string[] = [TenderType.GIFT_CARD, TenderType.STORE_CREDIT]

export enum TenderStatus {
  PENDING = "pending",
  SUCCEEDED = "succeeded",
  FAILED = "failed",
  CANCELED = "canceled",
}

/**
 * One way the customer pays part of a sale. `amount` is what it covers of the
 * sale; for cash, `tendered` is what was handed over and `change_due` the rest.
 * A card tender is `pending` while the reader collects it, then `succeeded`
 * (authorized), `failed` or `canceled`.
 * The client's idempotency key makes a retried request return the same tender.
 */
export const PosTender = model
  .define("pos_tender", {
    id: model.id({ prefix: "tnd" }).primaryKey(),
    type: model.enum(TenderType),
    status: model.enum(TenderStatus),
    amount: model.bigNumber(),
    tendered: model.bigNumber().nullable(),
    change_due: model.bigNumber().nullable(),
    currency_code: model.text(),
    idempotency_key: model.text(),
    /** a hash of the request that created it: the same key with another body is refused */
    request_hash: model.text().nullable(),
    staff_id: model.text(),
    /** the Medusa payment session that records this tender in the cart's payment collection */
    payment_session_id: model.text().nullable(),
    /** card: the Stripe PaymentIntent and the reader it was sent to */
    payment_intent_id: model.text().nullable(),
    reader_id: model.text().nullable(),
    /** why a card tender failed or was canceled, as the reader or Stripe said it */
    failure_reason: model.text().nullable(),
    /** gift card or store credit: the gift card's id, or the store credit account's */
    credit_reference_id: model.text().nullable(),
    /** gift card: its code as the receipt prints it, all but the last 4 characters masked */
    credit_code: model.text().nullable(),
    /** gift card or store credit: the balance when the tender was taken */
    balance_before: model.bigNumber().nullable(),
    sale: model.belongsTo(() => PosSale, { mappedBy: "tenders" }),
  })
  .indexes([
    { on: ["sale_id", "idempotency_key"], unique: true },
    { on: ["payment_intent_id"], where: "payment_intent_id IS NOT NULL" },
  ])
