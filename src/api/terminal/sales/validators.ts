import { z } from "@medusajs/framework/zod"

const amount = (field: string) =>
  z
    .number({ error: `${field} is a number` })
    .finite()
    .positive(`${field} is more than 0`)
    .refine((value) => Math.abs(value * 10000 - Math.round(value * 10000)) < 1e-6, `${field} has at most 4 decimals`)

export const TerminalCreateSale = z
  .object({
    shift_id: z.string().min(1, "shift_id must not be empty"),
    customer_id: z.string().optional(),
  })
  .strict()
export type TerminalCreateSaleType = z.infer<typeof TerminalCreateSale>

export const TerminalAddSaleLine = z
  .object({
    code: z.string().trim().min(1, "code must not be empty").optional(),
    variant_id: z.string().min(1).optional(),
    quantity: z.number({ error: "quantity is a whole number" }).int("quantity is a whole number").min(1, "quantity is at least 1").default(1),
    fulfillment: z.enum(["take", "ship", "pickup"]).default("take"),
  })
  .strict()
  .refine((value) => !!value.code !== !!value.variant_id, "give either code (a barcode or SKU) or variant_id")
export type TerminalAddSaleLineType = z.infer<typeof TerminalAddSaleLine>

export const TerminalUpdateSaleLine = z
  .object({
    quantity: z.number({ error: "quantity is a whole number" }).int("quantity is a whole number").min(0, "quantity is 0 (remove) or more"),
  })
  .strict()
export type TerminalUpdateSaleLineType = z.infer<typeof TerminalUpdateSaleLine>

export const TerminalAddTender = z
  .object({
    type: z.enum(["cash", "card"]),
    amount: amount("amount"),
    tendered: amount("tendered").optional(),
    currency_code: z.string().regex(/^[A-Za-z]{3}$/, "currency_code is a three-letter ISO code").optional(),
    idempotency_key: z.string().trim().min(8, "idempotency_key has at least 8 characters").max(200),
  })
  .strict()
export type TerminalAddTenderType = z.infer<typeof TerminalAddTender>

export const TerminalReceiptParams = z.object({
  format: z.enum(["json", "html"]).default("json"),
})
export type TerminalReceiptParamsType = z.infer<typeof TerminalReceiptParams>

export const TerminalSaleCustomer = z
  .object({
    customer_id: z.string().min(1).optional(),
    email: z.string().trim().email("email is not a valid email address").optional(),
  })
  .strict()
  .refine((value) => !!value.customer_id !== !!value.email, "give either customer_id or email")
export type TerminalSaleCustomerType = z.infer<typeof TerminalSaleCustomer>

export const TerminalSalePromotion = z
  .object({
    code: z.string().trim().min(1, "code must not be empty"),
    action: z.enum(["add", "remove"]).default("add"),
  })
  .strict()
export type TerminalSalePromotionType = z.infer<typeof TerminalSalePromotion>

export const TerminalVoidSale = z.object({ approval_id: z.string().optional() }).strict()
export type TerminalVoidSaleType = z.infer<typeof TerminalVoidSale>
