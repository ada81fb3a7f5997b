import { model } from "@medusajs/framework/utils"

/**
 * One privileged or money-moving action. Append-only: the service offers no
 * update or delete, and a database trigger refuses both (see the migration).
 */
export const PosAuditLog = model
  .define("pos_audit_log", {
    id: model.id({ prefix: "aud" }).primaryKey(),
    actor_type: model.text(),
    actor_id: model.text(),
    store_id: model.text().nullable(),
    action: model.text(),
    resource_type: model.text().nullable(),
    resource_id: model.text().nullable(),
    approved_by: model.text().nullable(),
    request_id: model.text().nullable(),
    data: model.json().nullable(),
  })
  .indexes([{ on: ["store_id", "created_at"] }, { on: ["actor_id"] }, { on: ["action"] }])
