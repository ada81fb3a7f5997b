export const defaultAdminPosStoreFields = [
  "id",
  "name",
  "code",
  "status",
  "address_1",
  "address_2",
  "city",
  "province",
  "postal_code",
  "country_code",
  "phone",
  "latitude",
  "longitude",
  "timezone",
  "metadata",
  "created_at",
  "updated_at",
]

export const listTransformQueryConfig = {
  defaults: defaultAdminPosStoreFields,
  defaultLimit: 50,
  isList: true,
}
