import { model } from "@medusajs/framework/utils"

/**
 * Settings a manager changes at run time (over the plugin options), one row
 * per key; e.g. `routing.rule_set`, the routing rules saved from the admin API.
 */
export const PosSetting = model
  .define("pos_setting", {
    id: model.id({ prefix: "pset" }).primaryKey(),
    key: model.text(),
    value: model.json(),
    updated_by: model.text().nullable(),
  })
  .indexes([{ on: ["key"], unique: true, where: "deleted_at IS NULL" }])
