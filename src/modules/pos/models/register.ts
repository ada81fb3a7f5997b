import { model } from "@medusajs/framework/utils"
import { PosStore } from "./store"

/** A till of a store, optionally paired with a Stripe Terminal reader. */
export const PosRegister = model
  .define("pos_register", {
    id: model.id({ prefix: "preg" }).primaryKey(),
    name: model.text(),
    stripe_reader_id: model.text().nullable(),
    is_active: model.boolean().default(true),
    metadata: model.json().nullable(),
    store: model.belongsTo(() => PosStore, { mappedBy: "registers" }),
  })
  .indexes([{ on: ["store_id", "name"], unique: true, where: "deleted_at IS NULL" }])
