import { z } from "@medusajs/framework/zod"

export const TerminalPickTask = z
  .object({
    lines: z
      .array(
        z
          .object({
            line_item_id: z.string().min(1, "line_item_id must not be empty"),
            picked: z.number({ error: "picked is a whole number" }).int("picked is a whole number").min(0, "picked is 0 or more"),
          })
          .strict()
      )
      .optional(),
    reason: z.string().trim().min(2, "reason says what happened (missing, damaged, …)").max(500).optional(),
  })
  .strict()
export type TerminalPickTaskType = z.infer<typeof TerminalPickTask>

export const TerminalShipTask = z
  .object({
    tracking_number: z.string({ error: "tracking_number is the parcel's tracking number" }).trim().min(3, "tracking_number has at least 3 characters").max(100),
    tracking_url: z
      .string()
      .max(2000, "tracking_url has at most 2000 characters")
      .url("tracking_url is a URL")
      .refine((value) => /^https?:\/\//i.test(value), "tracking_url is an http or https address")
      .optional(),
    carrier: z.string({ error: "carrier names the parcel service" }).trim().min(2, "carrier has at least 2 characters").max(50, "carrier has at most 50 characters").optional(),
  })
  .strict()
export type TerminalShipTaskType = z.infer<typeof TerminalShipTask>

export const TerminalCollectPickup = z
  .object({
    pickup_code: z.string({ error: "pickup_code is the 6-digit code the customer got" }).trim().regex(/^\d{6}$/, "pickup_code is 6 digits").optional(),
    receipt_code: z
      .string({ error: "receipt_code is the code on the till receipt" })
      .trim()
      .regex(/^[A-Za-z0-9_.-]{4,60}$/, "receipt_code is the code printed under the receipt's barcode")
      .optional(),
  })
  .strict()
  .refine((v) => !!v.pickup_code !== !!v.receipt_code, "give the customer's pickup_code, or for an order sold at a till its receipt_code")

export const TerminalReceiveTransfer = z
  .object({
    lines: z
      .array(
        z
          .object({
            line_item_id: z.string().min(1, "line_item_id must not be empty").max(100),
            received: z.number({ error: "received is a whole number" }).int("received is a whole number").min(0, "received is 0 or more").max(10_000, "received is at most 10000"),
          })
          .strict()
      )
      .min(1, "lines lists what arrived")
      .max(200, "lines has at most 200 entries"),
  })
  .strict()
export type TerminalReceiveTransferType = z.infer<typeof TerminalReceiveTransfer>
export type TerminalCollectPickupType = z.infer<typeof TerminalCollectPickup>

export const StorePickupArrival = z
  .object({
    pickup_code: z.string({ error: "pickup_code is the 6-digit code from the ready message" }).trim().regex(/^\d{6}$/, "pickup_code is 6 digits"),
    note: z.string().trim().min(1).max(300).optional(),
  })
  .strict()
export type StorePickupArrivalType = z.infer<typeof StorePickupArrival>

export const StorePickupLocationsParams = z
  .object({
    cart_id: z.string().min(1).max(100, "cart_id has at most 100 characters").optional(),
    variant_ids: z
      .union([z.string(), z.array(z.string())])
      .refine(
        (value) => (Array.isArray(value) ? value : value.split(",")).length <= 100,
        "variant_ids names at most 100 variants"
      )
      .optional(),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
  })
  .strict()
  .refine((v) => !!v.cart_id !== !!v.variant_ids, "give either cart_id or variant_ids")
  .refine((v) => (v.lat == null) === (v.lng == null), "give lat and lng together")
export type StorePickupLocationsParamsType = z.infer<typeof StorePickupLocationsParams>
