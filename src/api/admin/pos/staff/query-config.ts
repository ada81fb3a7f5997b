export const defaultAdminPosStaffFields = [
  "id",
  "email",
  "first_name",
  "last_name",
  "is_active",
  "created_at",
  "updated_at",
  "memberships.id",
  "memberships.role",
  "memberships.store_id",
]

export const retrieveStaffQueryConfig = { defaults: defaultAdminPosStaffFields, isList: false }
export const listStaffQueryConfig = { ...retrieveStaffQueryConfig, defaultLimit: 50, isList: true }
