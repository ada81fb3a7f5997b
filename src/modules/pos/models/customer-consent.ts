import { model } from "@medusajs/framework/utils"

/**
 * A customer's consent for one purpose, as given or withdrawn: one row per change, never updated,
 * so every change is kept. What holds now is the latest row of a purpose. Where it was recorded
 * (`source`), by whom (`recorded_by_type`, `recorded_by`: the customer, a staff member with the
 * customer present, a dashboard user) and the wording the customer was shown.
 */
export const PosCustomerConsent = model
  .define("pos_customer_consent", {
    id: model.id({ prefix: "pcons" }).primaryKey(),
    customer_id: model.text(),
    /** purchase_history, recommendations, browsing_history, marketing_contact */
    purpose: model.text(),
    granted: model.boolean(),
    /** storefront, till or dashboard */
    source: model.text(),
    /** customer, staff or user */
    recorded_by_type: model.text(),
    recorded_by: model.text(),
    /** the store of a change made at a till */
    store_id: model.text().nullable(),
    /** what the customer was shown when they gave or withdrew it */
    wording: model.text(),
    /** the order changes were made in, from the database: the latest of a purpose is its highest */
    seq: model.autoincrement(),
  })
  .indexes([{ on: ["customer_id", "purpose", "created_at"] }])
