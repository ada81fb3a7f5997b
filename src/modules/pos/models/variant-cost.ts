import { model } from "@medusajs/framework/utils"

/**
 * What the retailer pays for one unit of a variant, in a currency: Medusa
 * keeps prices but no cost, and the scorecard's gross margin and GMROI need
 * one (docs/reports.md). One row per variant and currency; set in the
 * dashboard or imported from CSV.
 */
export const PosVariantCost = model
  .define("pos_variant_cost", {
    id: model.id({ prefix: "pvcost" }).primaryKey(),
    variant_id: model.text(),
    currency_code: model.text(),
    amount: model.bigNumber(),
    updated_by: model.text().nullable(),
  })
  .indexes([{ on: ["variant_id", "currency_code"], unique: true, where: "deleted_at IS NULL" }])
