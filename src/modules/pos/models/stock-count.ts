import { model } from "@medusajs/framework/utils"

export enum StockCountStatus {
  /** staff are counting: the expected numbers are not shown */
  OPEN = "open",
  /** submitted with a variance above the approval threshold: waits for a manager */
  PENDING_APPROVAL = "pending_approval",
  /** levels corrected through Medusa's inventory */
  APPLIED = "applied",
  CANCELED = "canceled",
}

/**
 * A cycle count at one store: a shelf, a category or a list of SKUs counted by
 * scanning, blind (the expected numbers are kept from staff until it is
 * submitted). Submitting it corrects the levels through Medusa's inventory
 * workflow; a variance above the approval threshold waits for a manager.
 */
export const PosStockCount = model
  .define("pos_stock_count", {
    id: model.id({ prefix: "pcount" }).primaryKey(),
    store_id: model.text(),
    location_id: model.text(),
    /** what is counted, as staff name it ("Shelf B3", "Outerwear", "5 SKUs") */
    label: model.text(),
    /** { kind: "shelf" | "category" | "skus", category_id?, skus? } */
    scope: model.json(),
    status: model.enum(StockCountStatus).default(StockCountStatus.OPEN),
    created_by: model.text(),
    submitted_by: model.text().nullable(),
    submitted_at: model.dateTime().nullable(),
    approved_by: model.text().nullable(),
    applied_at: model.dateTime().nullable(),
    /** units counted off expected, summed as absolute values over the lines */
    variance_units: model.number().default(0),
  })
  .indexes([{ on: ["store_id", "status"] }, { on: ["store_id", "created_at"] }])

/**
 * One SKU at one location in a count: what the system expected (the stocked
 * quantity when submitted), what was counted, and the correction applied.
 * Inventory accuracy is computed from these rows.
 */
export const PosStockCountLine = model
  .define("pos_stock_count_line", {
    id: model.id({ prefix: "pcline" }).primaryKey(),
    count_id: model.text(),
    store_id: model.text(),
    location_id: model.text(),
    inventory_item_id: model.text(),
    variant_id: model.text(),
    sku: model.text().nullable(),
    title: model.text(),
    /** stocked quantity when the count was submitted */
    expected: model.number().nullable(),
    counted: model.number().nullable(),
    /** the adjustment applied to the level (counted − expected), 0 when it matched */
    corrected: model.number().default(0),
  })
  .indexes([{ on: ["count_id"] }, { on: ["location_id", "inventory_item_id"] }, { on: ["store_id", "created_at"] }])
