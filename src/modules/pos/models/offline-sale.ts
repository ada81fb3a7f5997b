import { model } from "@medusajs/framework/utils"

export enum OfflineSaleStatus {
  APPLIED = "applied",
  NEEDS_ATTENTION = "needs_attention",
  REJECTED = "rejected",
}

/**
 * A sale a register recorded while offline, as it reached the server: applied
 * once (unique per register and client transaction id), or kept for a person
 * to look at, never dropped.
 */
export const PosOfflineSale = model
  .define("pos_offline_sale", {
    id: model.id({ prefix: "offs" }).primaryKey(),
    store_id: model.text(),
    register_id: model.text(),
    client_txn_id: model.text(),
    recorded_at: model.dateTime(),
    staff_id: model.text(),
    status: model.enum(OfflineSaleStatus),
    sale_id: model.text().nullable(),
    order_id: model.text().nullable(),
    reason: model.text().nullable(),
    conflicts: model.json().nullable(),
    payload: model.json(),
    /** a person looked at a rejected or needs-attention sale and settled it (POST /admin/pos/offline-sales/:id/resolve) */
    resolved_at: model.dateTime().nullable(),
    resolved_by: model.text().nullable(),
    resolution_note: model.text().nullable(),
  })
  .indexes([
    { on: ["register_id", "client_txn_id"], unique: true },
    { on: ["store_id", "status"] },
  ])
