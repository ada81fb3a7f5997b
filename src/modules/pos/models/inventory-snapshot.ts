import { model } from "@medusajs/framework/utils"

/**
 * The stock on hand at cost, once a day, per stock location and product
 * category (a product's first; none for products without one), in a currency:
 * the scorecard's GMROI averages these over its range (docs/reports.md).
 * Medusa keeps no stock history, so without them the average is a guess.
 */
export const PosInventorySnapshot = model
  .define("pos_inventory_snapshot", {
    id: model.id({ prefix: "pisnap" }).primaryKey(),
    /** the calendar day (UTC) the snapshot stands for, YYYY-MM-DD */
    day: model.text(),
    location_id: model.text(),
    /** the store whose location it is; null for a warehouse */
    store_id: model.text().nullable(),
    /** the product category ("" for products without one) */
    category_id: model.text(),
    currency_code: model.text(),
    units: model.number(),
    cost_value: model.bigNumber(),
  })
  .indexes([
    { on: ["day", "location_id", "category_id", "currency_code"], unique: true, where: "deleted_at IS NULL" },
    { on: ["currency_code", "day"] },
  ])
