import { model } from "@medusajs/framework/utils"

export enum RefundStatus {
  PENDING = "pending",
  SUCCEEDED = "succeeded",
  FAILED = "failed",
}

/**
 * A refund asked for at a till, split across the order's original tenders.
 * `parts` records each payment's share and how far it got, so a refund that
 * failed half-way (Stripe unreachable, a card refund refused) stays pending
 * with the reason and is finished by sending the same idempotency key again,
 * without refunding any part twice.
 */
export const PosRefund = model
  .define("pos_refund", {
    id: model.id({ prefix: "pref" }).primaryKey(),
    order_id: model.text(),
    store_id: model.text(),
    staff_id: model.text(),
    /** the shift whose drawer pays the cash parts */
    shift_id: model.text().nullable(),
    idempotency_key: model.text(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    reason: model.text().nullable(),
    status: model.enum(RefundStatus),
    /** [{ payment_id, kind, provider_id, amount, status, error }] */
    parts: model.json(),
    failure_reason: model.text().nullable(),
  })
  .indexes([
    { on: ["order_id", "idempotency_key"], unique: true },
    { on: ["store_id", "created_at"] },
  ])
