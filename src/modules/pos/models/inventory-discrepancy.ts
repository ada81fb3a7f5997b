import { model } from "@medusajs/framework/utils"

/**
 * The system counted less at a store than a customer was holding at its
 * counter. The sale went through; the stock level was raised by the shortfall
 * so that the sale's fulfilment could take it, and this row says so. It feeds
 * inventory accuracy; a voided sale reverses its raise.
 */
export const PosInventoryDiscrepancy = model
  .define("pos_inventory_discrepancy", {
    id: model.id({ prefix: "idsc" }).primaryKey(),
    store_id: model.text(),
    location_id: model.text(),
    inventory_item_id: model.text(),
    variant_id: model.text(),
    sale_id: model.text().nullable(),
    available_before: model.number(),
    quantity_added: model.number(),
    reversed_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["store_id", "created_at"] }, { on: ["sale_id"] }])
