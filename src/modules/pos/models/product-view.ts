import { model } from "@medusajs/framework/utils"

/** A product a signed-in customer viewed in the storefront, recorded only while they consent to `browsing_history`. */
export const PosProductView = model
  .define("pos_product_view", {
    id: model.id({ prefix: "pview" }).primaryKey(),
    customer_id: model.text(),
    product_id: model.text(),
    variant_id: model.text().nullable(),
  })
  .indexes([{ on: ["customer_id", "created_at"] }])
