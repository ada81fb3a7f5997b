import { model } from "@medusajs/framework/utils"

export enum StoreTaskKind {
  /** ship the lines to the customer from this store */
  SHIP = "ship",
  /** hand the order over at this store (click-and-collect, curbside) */
  PICKUP = "pickup",
}

export enum StoreTaskStatus {
  /** to pick */
  OPEN = "open",
  /** picked, waiting to be shipped */
  PICKED = "picked",
  /** a pickup order packed and waiting for the customer */
  READY = "ready",
  SHIPPED = "shipped",
  COLLECTED = "collected",
  /** a pickup hold that was not collected in time */
  EXPIRED = "expired",
  /** nothing left to do here (everything short-picked and routed elsewhere) */
  CANCELED = "canceled",
}

/**
 * Work for one store on one online order, created when the order is routed
 * to it: the lines to pick, then to ship or to hand over. A short pick
 * records the discrepancy and sends the rest elsewhere (a new decision and a
 * new task); a pickup task keeps only a keyed hash of the code the customer
 * collects with (the code itself is in the customer's "ready" message only).
 */
export const PosStoreTask = model
  .define("pos_store_task", {
    id: model.id({ prefix: "ptask" }).primaryKey(),
    store_id: model.text(),
    order_id: model.text(),
    /** the routing decision that created it */
    decision_id: model.text().nullable(),
    location_id: model.text(),
    kind: model.enum(StoreTaskKind),
    status: model.enum(StoreTaskStatus).default(StoreTaskStatus.OPEN),
    /**
     * [{ line_item_id, title, sku, inventory_item_id, quantity, picked, short, from_node_id, from_node_name, received, missing }]:
     * a line with from_node_id comes from another node (a transfer) and is `received` here by scanning; `missing` is what the last receipt lacked
     */
    lines: model.json(),
    /** what the staff need to know, e.g. items transferred from another node */
    note: model.text().nullable(),
    /** HMAC-SHA256 of the pickup code (store-tasks/utils/pickup-code `pickupCodeHash`); never answered on any route */
    pickup_code_hash: model.text().nullable(),
    /** the pickup code sealed (AES-256-GCM, key from the cookie secret) for the signed-in customer's own route only; never answered to staff */
    pickup_code_sealed: model.text().nullable(),
    ready_at: model.dateTime().nullable(),
    /** when a ready pickup is released if nobody collects it */
    expires_at: model.dateTime().nullable(),
    arrived_at: model.dateTime().nullable(),
    arrival_note: model.text().nullable(),
    /** wrong codes sent to the public check-in, counted atomically before the code is compared; at MAX_CHECK_IN_ATTEMPTS it is refused (the counter still hands over) */
    failed_check_ins: model.number().default(0),
    collected_at: model.dateTime().nullable(),
    shipped_at: model.dateTime().nullable(),
    tracking_number: model.text().nullable(),
    fulfillment_id: model.text().nullable(),
    /** units this task sends (ship tasks count against the store's daily capacity) */
    units: model.number().default(0),
  })
  .indexes([
    { on: ["store_id", "status"] },
    { on: ["order_id"] },
  ])
