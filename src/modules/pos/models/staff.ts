import { model } from "@medusajs/framework/utils"
import { PosStaffMembership } from "./staff-membership"

/**
 * A member of store staff: the actor of type `staff` in Medusa's auth module
 * (its auth identity carries `app_metadata.staff_id`). Staff reach only the
 * `/terminal/*` API, and only for the stores they are members of.
 */
export const PosStaff = model
  .define("pos_staff", {
    id: model.id({ prefix: "stf" }).primaryKey(),
    email: model.text().searchable(),
    first_name: model.text().searchable(),
    last_name: model.text().searchable(),
    is_active: model.boolean().default(true),
    metadata: model.json().nullable(),
    memberships: model.hasMany(() => PosStaffMembership, { mappedBy: "staff" }),
  })
  .indexes([{ on: ["email"], unique: true, where: "deleted_at IS NULL" }])
