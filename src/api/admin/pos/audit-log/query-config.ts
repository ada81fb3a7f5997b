export const listAuditLogQueryConfig = {
  defaults: [
    "id",
    "created_at",
    "actor_type",
    "actor_id",
    "store_id",
    "action",
    "resource_type",
    "resource_id",
    "approved_by",
    "request_id",
    "data",
  ],
  defaultLimit: 50,
  isList: true,
}
