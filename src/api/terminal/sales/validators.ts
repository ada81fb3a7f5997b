import { z } from "@medusajs/framework/zod"
import { HARD_LIMITS } from "../../../modules/pos/options"

const amount = (field: string) =>
  z
    .number({ error: `${field} is a number` })
    .finite()
    .positive(`${field} is more than 0`)
    .max(HARD_LIMITS.max_tender_amount, `${field} is at most ${HARD_LIMITS.max_tender_amount}`)
    .refine((value) => Math.abs(value * 10000 - Math.round(value * 10000)) < 1e-6, `${field} has at most 4 decimals`)

const addressField = (field: string, max = 200) =>
  z.string({ error: `shipping_address.${field} is text` }).trim().min(1, `shipping_address.${field} must not be empty`).max(max)

/** Where an endless-aisle line ships to. */
const ShippingAddress = z
  .object({
    first_name: addressField("first_name").optional(),
    last_name: addressField("last_name").optional(),
    address_1: addressField("address_1"),
    address_2: addressField("address_2").optional(),
    city: addressField("city"),
    province: addressField("province").optional(),
    postal_code: addressField("postal_code", 20),
    country_code: z
      .string({ error: "shipping_address.country_code is text" })
      .regex(/^[A-Za-z]{2}$/, "shipping_address.country_code is a two-letter ISO code")
      .transform((value) => value.toLowerCase()),
    phone: addressField("phone", 40).optional(),
  })
  .strict()

export const TerminalCreateSale = z
  .object({
    shift_id: z.string().min(1, "shift_id must not be empty").max(100, "shift_id has at most 100 characters"),
    customer_id: z.string().max(100, "customer_id has at most 100 characters").optional(),
  })
  .strict()
export type TerminalCreateSaleType = z.infer<typeof TerminalCreateSale>

export const TerminalAddSaleLine = z
  .object({
    code: z.string().trim().min(1, "code must not be empty").max(200, "code has at most 200 characters").optional(),
    variant_id: z.string().min(1).max(100, "variant_id has at most 100 characters").optional(),
    quantity: z
      .number({ error: "quantity is a whole number" })
      .int("quantity is a whole number")
      .min(1, "quantity is at least 1")
      .max(HARD_LIMITS.max_line_quantity, `quantity is at most ${HARD_LIMITS.max_line_quantity}`)
      .default(1),
    fulfillment: z.enum(["take", "ship", "pickup"]).default("take"),
    pickup_store_id: z.string().min(1, "pickup_store_id must not be empty").optional(),
    shipping_address: ShippingAddress.optional(),
  })
  .strict()
  .refine((value) => !!value.code !== !!value.variant_id, "give either code (a barcode or SKU) or variant_id")
  .refine((value) => value.fulfillment !== "pickup" || !!value.pickup_store_id, 'fulfillment "pickup" needs pickup_store_id')
  .refine(
    (value) => value.fulfillment === "pickup" || !value.pickup_store_id,
    'pickup_store_id goes with fulfillment "pickup" only'
  )
  .refine((value) => value.fulfillment !== "ship" || !!value.shipping_address, 'fulfillment "ship" needs shipping_address')
  .refine(
    (value) => value.fulfillment === "ship" || !value.shipping_address,
    'shipping_address goes with fulfillment "ship" only'
  )
export type TerminalAddSaleLineType = z.infer<typeof TerminalAddSaleLine>

export const TerminalUpdateSaleLine = z
  .object({
    quantity: z
      .number({ error: "quantity is a whole number" })
      .int("quantity is a whole number")
      .min(0, "quantity is 0 (remove) or more")
      .max(HARD_LIMITS.max_line_quantity, `quantity is at most ${HARD_LIMITS.max_line_quantity}`),
  })
  .strict()
export type TerminalUpdateSaleLineType = z.infer<typeof TerminalUpdateSaleLine>

const TENDER_TYPES = ["cash", "card", "gift_card", "store_credit"] as const

/**
 * cash and card: an amount (cash: what is handed over as tendered); gift_card: its code; store_credit:
 * the attached customer's, an amount or as much as is due.
 */
export const TerminalAddTender = z
  .object({
    type: z
      .unknown()
      .refine((v) => TENDER_TYPES.includes(v as any), `type is one of ${TENDER_TYPES.join(", ")}`)
      .transform((v) => v as (typeof TENDER_TYPES)[number]),
    amount: amount("amount").optional(),
    tendered: amount("tendered").optional(),
    code: z.string({ error: "code is text" }).trim().min(1, "code must not be empty").max(64, "code has at most 64 characters").optional(),
    currency_code: z.string().regex(/^[A-Za-z]{3}$/, "currency_code is a three-letter ISO code").optional(),
    idempotency_key: z.string().trim().min(8, "idempotency_key has at least 8 characters").max(200),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.type === "cash" || body.type === "card") && body.amount == null) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: `amount is required for a ${body.type} tender` })
    }
    if (body.type === "gift_card" && !body.code) {
      ctx.addIssue({ code: "custom", path: ["code"], message: "code is required for a gift card tender: the card's code, typed or scanned" })
    }
    if (body.type !== "gift_card" && body.code != null) {
      ctx.addIssue({ code: "custom", path: ["code"], message: "code is only for a gift card tender" })
    }
    if (body.type !== "cash" && body.tendered != null) {
      ctx.addIssue({ code: "custom", path: ["tendered"], message: "tendered is only for a cash tender" })
    }
    if (body.type === "gift_card" && body.amount != null) {
      ctx.addIssue({ code: "custom", path: ["amount"], message: "a gift card pays what its balance covers, up to what is due: give no amount" })
    }
  })
export type TerminalAddTenderType = z.infer<typeof TerminalAddTender>

export const TerminalReceiptParams = z.object({
  format: z.enum(["json", "html"]).default("json"),
})
export type TerminalReceiptParamsType = z.infer<typeof TerminalReceiptParams>

export const TerminalSaleCustomer = z
  .object({
    customer_id: z.string().min(1).max(100, "customer_id has at most 100 characters").optional(),
    email: z.string().trim().max(254, "email has at most 254 characters").email("email is not a valid email address").optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ()./-]{5,29}$/, "phone is a phone number: digits, spaces and + ( ) - . (6 to 30 characters)")
      .optional(),
  })
  .strict()
  .refine(
    (value) => [value.customer_id, value.email, value.phone].filter(Boolean).length === 1,
    "give one of customer_id, email or phone"
  )
export type TerminalSaleCustomerType = z.infer<typeof TerminalSaleCustomer>

export const TerminalSalePromotion = z
  .object({
    code: z.string().trim().min(1, "code must not be empty").max(200, "code has at most 200 characters"),
    action: z.enum(["add", "remove"]).default("add"),
  })
  .strict()
export type TerminalSalePromotionType = z.infer<typeof TerminalSalePromotion>

export const TerminalVoidSale = z.object({ approval_id: z.string().max(100, "approval_id has at most 100 characters").optional() }).strict()
export type TerminalVoidSaleType = z.infer<typeof TerminalVoidSale>

export const TerminalSimulateTender = z
  .object({ outcome: z.enum(["approved", "declined"]).default("approved") })
  .strict()
export type TerminalSimulateTenderType = z.infer<typeof TerminalSimulateTender>
