import { model } from "@medusajs/framework/utils"

/**
 * A manager's PIN approval of one manager-only action, requested by one staff
 * member at one store: short-lived and single use.
 */
export const PosApproval = model
  .define("pos_approval", {
    id: model.id({ prefix: "appr" }).primaryKey(),
    store_id: model.text(),
    action: model.text(),
    requested_by: model.text(),
    approved_by: model.text(),
    expires_at: model.dateTime(),
    used_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["store_id", "requested_by"] }])
