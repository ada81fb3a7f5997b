import { model } from "@medusajs/framework/utils"

export enum PosReturnStatus {
  /** written before Medusa's return runs, so a retry after a crash finds what happened */
  RECEIVING = "receiving",
  /** received; nothing refunded yet (or nothing to refund) */
  RECEIVED = "received",
  /** received, and the refund failed part-way: the same idempotency key finishes it */
  REFUND_FAILED = "refund_failed",
  REFUNDED = "refunded",
  /** refunded as store credit (a single-use code) */
  CREDITED = "credited",
  /** an exchange whose difference the customer paid at the till */
  SETTLED = "settled",
}

/**
 * A return taken at a store's till, on top of Medusa's own return (or
 * exchange): who took it, each line's disposition and where its stock went,
 * the refund, and the times that make return turn time measurable
 * (received_at, refunded_at, each line's restocked_at).
 */
export const PosReturn = model
  .define("pos_return", {
    id: model.id({ prefix: "pret" }).primaryKey(),
    order_id: model.text(),
    store_id: model.text(),
    staff_id: model.text(),
    idempotency_key: model.text(),
    /** Medusa's return */
    return_id: model.text().nullable(),
    /** Medusa's exchange, when the return is part of one */
    exchange_id: model.text().nullable(),
    /** Medusa's order change that the return (or exchange) began: how a retry after a crash finds it */
    order_change_id: model.text().nullable(),
    /** when Medusa's return (or exchange) stood with every stock move of it (holds, an exchange's hand-over) */
    medusa_done_at: model.dateTime().nullable(),
    status: model.enum(PosReturnStatus),
    /** "original" (the original tenders) or "store_credit" */
    refund_to: model.text(),
    currency_code: model.text(),
    /** what goes back to the customer: the returned units' price (taxes and discounts included), less an exchange's new items */
    amount: model.bigNumber(),
    /** an exchange's new items, as Medusa priced them */
    new_items_amount: model.bigNumber().nullable(),
    /** what the customer paid at the till for an exchange worth more than what came back */
    collected_amount: model.bigNumber().nullable(),
    /** [{ line_item_id, title, variant_id, quantity, disposition, reason, amount, location_id, restocked_at }] */
    lines: model.json(),
    /** [{ location_id, location_name, inventory_item_id, quantity, disposition }] */
    movements: model.json(),
    refund_id: model.text().nullable(),
    /** store credit as a code: a gift card the loyalty plugin issued (a guest's), or a promotion code without the plugin */
    store_credit_code: model.text().nullable(),
    /** store credit into a registered customer's store credit account (loyalty plugin) */
    store_credit_account_id: model.text().nullable(),
    /** a manager's override of a refusing rule: the approval and the reason given */
    approval_id: model.text().nullable(),
    override_reason: model.text().nullable(),
    failure_reason: model.text().nullable(),
    received_at: model.dateTime(),
    refunded_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["order_id", "idempotency_key"], unique: true },
    { on: ["store_id", "created_at"] },
    { on: ["store_credit_code"], where: "store_credit_code IS NOT NULL" },
  ])
