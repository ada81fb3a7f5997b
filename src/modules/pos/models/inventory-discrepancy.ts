import { model } from "@medusajs/framework/utils"

/**
 * The system counted less at a store than a customer was holding at its
 * counter. The sale went through; the stock level was raised by the shortfall
 * so that the sale's fulfilment could take it, and this row says so. It feeds
 * inventory accuracy; a voided sale reverses its raise. A short pick of an
 * online order is the other way round: the store had less than it counted,
 * the level was lowered by the shortfall (quantity_added < 0), and the rest of
 * the order went elsewhere.
 */
export const PosInventoryDiscrepancy = model
  .define("pos_inventory_discrepancy", {
    id: model.id({ prefix: "idsc" }).primaryKey(),
    store_id: model.text(),
    location_id: model.text(),
    inventory_item_id: model.text(),
    variant_id: model.text(),
    sale_id: model.text().nullable(),
    /** a short pick: the store task, and what the picker said (missing, damaged) */
    task_id: model.text().nullable(),
    reason: model.text().nullable(),
    available_before: model.number(),
    quantity_added: model.number(),
    reversed_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["store_id", "created_at"] }, { on: ["sale_id"] }, { on: ["task_id"], where: "task_id IS NOT NULL" }])
