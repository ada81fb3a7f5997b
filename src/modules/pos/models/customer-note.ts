import { model } from "@medusajs/framework/utils"

/** A note a staff member keeps about a customer (sizes, preferences), shown on the till's customer panel. */
export const PosCustomerNote = model
  .define("pos_customer_note", {
    id: model.id({ prefix: "pcnote" }).primaryKey(),
    customer_id: model.text(),
    store_id: model.text(),
    staff_id: model.text(),
    text: model.text(),
  })
  .indexes([{ on: ["customer_id", "created_at"] }])
