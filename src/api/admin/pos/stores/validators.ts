import { z } from "@medusajs/framework/zod"
import { STORE_CAPABILITIES } from "../../../../modules/pos/utils/capabilities"
import { boundedText, findParams, idParam } from "../../../utils/validators"

export const AdminGetPosStoresParams = findParams({
  limit: 50,
  orderable: ["id", "name", "code", "status", "city", "created_at", "updated_at"],
}).merge(
  z.object({
    q: boundedText("q", 200).optional(),
    code: z
      .union([boundedText("code", 32), z.array(boundedText("code", 32)).max(100, "code lists at most 100 codes")])
      .optional(),
    status: z.enum(["active", "disabled"]).optional(),
  })
)
export type AdminGetPosStoresParamsType = z.infer<typeof AdminGetPosStoresParams>

const nonEmpty = (field: string, max = 200) =>
  z
    .string({ error: `${field} is text` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} has at most ${max} characters`)
const optionalText = (field: string, max = 200) => boundedText(field, max).nullish()

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value })
    return true
  } catch {
    return false
  }
}

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "opening_hours: a time is HH:MM, 00:00 to 23:59")
const OpeningHours = z
  .object(
    Object.fromEntries(
      ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day) => [
        day,
        z
          .array(
            z.tuple([time, time]).refine(([open, close]) => open < close, "opening_hours: a shop closes after it opens")
          )
          .optional(),
      ])
    )
  )
  .strict()

const Capabilities = z.object(Object.fromEntries(STORE_CAPABILITIES.map((c) => [c, z.boolean().optional()]))).strict()

const Address = z
  .object({
    address_1: nonEmpty("address_1"),
    address_2: optionalText("address_2"),
    city: nonEmpty("city", 100),
    province: optionalText("province", 100),
    postal_code: nonEmpty("postal_code", 20),
    country_code: z.string().regex(/^[A-Za-z]{2}$/, "country_code is a two-letter ISO code"),
    phone: optionalText("phone", 40),
  })
  .strict()

const storeFields = {
  name: nonEmpty("name"),
  code: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$/, "code is 2 to 32 letters, digits, - or _"),
  address: Address,
  latitude: z.number().min(-90, "latitude is between -90 and 90").max(90, "latitude is between -90 and 90"),
  longitude: z.number().min(-180, "longitude is between -180 and 180").max(180, "longitude is between -180 and 180"),
  timezone: boundedText("timezone", 100).refine(isTimeZone, "timezone is an IANA time zone such as America/Chicago"),
  currency_code: z.string().regex(/^[A-Za-z]{3}$/, "currency_code is a three-letter ISO code"),
  opening_hours: OpeningHours.nullable(),
  capabilities: Capabilities,
  ship_from_store_capacity: z
    .number({ error: "ship_from_store_capacity is a whole number" })
    .int("ship_from_store_capacity is a whole number")
    .min(0, "ship_from_store_capacity is 0 or more")
    .max(100_000, "ship_from_store_capacity is at most 100000 orders a day"),
  pickup_hold_hours: z
    .number({ error: "pickup_hold_hours is a whole number" })
    .int("pickup_hold_hours is a whole number")
    .min(1, "pickup_hold_hours is at least 1")
    .max(24 * 30, "pickup_hold_hours is at most 720 (30 days)"),
  stripe_location_id: z
    .string()
    .regex(/^tml_[A-Za-z0-9]{1,96}$/, "stripe_location_id is a Stripe Terminal location id (tml_…)")
    .nullable(),
  metadata: z
    .record(boundedText("metadata key", 100), z.unknown())
    .refine((value) => JSON.stringify(value).length <= 10_000, "metadata holds at most 10,000 characters as JSON")
    .nullable(),
}

const onlineSalesChannelIds = z
  .array(idParam("online_sales_channel_ids"), { error: "online_sales_channel_ids is a list of sales channel ids" })
  .max(100, "online_sales_channel_ids lists at most 100 channels")

export const AdminCreatePosStore = z
  .object({
    ...storeFields,
    timezone: storeFields.timezone.optional(),
    currency_code: storeFields.currency_code.optional(),
    opening_hours: storeFields.opening_hours.optional(),
    capabilities: storeFields.capabilities.optional(),
    ship_from_store_capacity: storeFields.ship_from_store_capacity.optional(),
    pickup_hold_hours: storeFields.pickup_hold_hours.optional(),
    stripe_location_id: storeFields.stripe_location_id.optional(),
    metadata: storeFields.metadata.optional(),
    online_sales_channel_ids: onlineSalesChannelIds.optional(),
  })
  .strict()
export type AdminCreatePosStoreType = z.infer<typeof AdminCreatePosStore>

export const AdminUpdatePosStore = z
  .object({
    ...storeFields,
    address: Address.partial().strict(),
    online_sales_channel_ids: onlineSalesChannelIds,
  })
  .partial()
  .strict()
export type AdminUpdatePosStoreType = z.infer<typeof AdminUpdatePosStore>

export const AdminCreatePosRegister = z
  .object({
    name: nonEmpty("name"),
    reader_id: nonEmpty("reader_id", 100).nullish(),
  })
  .strict()
export type AdminCreatePosRegisterType = z.infer<typeof AdminCreatePosRegister>

export const AdminUpdatePosRegister = z
  .object({
    name: nonEmpty("name"),
    reader_id: nonEmpty("reader_id", 100).nullable(),
    is_active: z.boolean(),
  })
  .partial()
  .strict()
export type AdminUpdatePosRegisterType = z.infer<typeof AdminUpdatePosRegister>

export const AdminSetPosStoreMember = z
  .object({
    staff_id: nonEmpty("staff_id", 100),
    role: z.enum(["associate", "manager"]),
    pin: z.string().regex(/^\d{4,8}$/, "pin is 4 to 8 digits").optional(),
  })
  .strict()
export type AdminSetPosStoreMemberType = z.infer<typeof AdminSetPosStoreMember>
