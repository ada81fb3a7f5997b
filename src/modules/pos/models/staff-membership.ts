import { model } from "@medusajs/framework/utils"
import { PosStaff } from "./staff"
import { PosStore } from "./store"

export enum StaffRole {
  ASSOCIATE = "associate",
  MANAGER = "manager",
}

/**
 * Staff member × store × role. The PIN (stored as a salted scrypt hash) is
 * the member's quick credential at that store; a manager's PIN approves an
 * associate's manager-only action.
 */
export const PosStaffMembership = model
  .define("pos_staff_membership", {
    id: model.id({ prefix: "smem" }).primaryKey(),
    role: model.enum(StaffRole),
    pin_hash: model.text().nullable(),
    pin_failed_attempts: model.number().default(0),
    pin_locked_until: model.dateTime().nullable(),
    staff: model.belongsTo(() => PosStaff, { mappedBy: "memberships" }),
    store: model.belongsTo(() => PosStore, { mappedBy: "memberships" }),
  })
  .indexes([{ on: ["staff_id", "store_id"], unique: true, where: "deleted_at IS NULL" }])
