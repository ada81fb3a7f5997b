import { z } from "@medusajs/framework/zod"
import { boundedText, idParam, limitParam, MAX_AMOUNT, offsetParam } from "../../../utils/validators"

const currency = z
  .string({ error: "currency_code is a three-letter currency code" })
  .regex(/^[a-zA-Z]{3}$/, "currency_code is a three-letter currency code such as usd")
  .transform((c) => c.toLowerCase())

/** GET /admin/pos/variant-costs: variants with their unit cost in a currency. */
export const AdminGetPosVariantCostsParams = z
  .object({
    currency_code: currency.optional(),
    q: boundedText("q", 200).optional(),
    missing: z
      .string({ error: "missing is true or false" })
      .refine((value) => value === "true" || value === "false", "missing is true or false")
      .optional(),
    limit: limitParam(50, 1000),
    offset: offsetParam(),
  })
  .strict()
export type AdminGetPosVariantCostsParamsType = z.infer<typeof AdminGetPosVariantCostsParams>

const amountMessage = `amount is a number from 0 to ${MAX_AMOUNT}, or null to remove the cost`

/** POST /admin/pos/variant-costs: set (or with null remove) up to 1,000 costs, each by variant id or SKU. */
export const AdminSetPosVariantCosts = z
  .object({
    currency_code: currency,
    costs: z
      .array(
        z
          .object({
            variant_id: idParam("variant_id").optional(),
            sku: boundedText("sku", 200).min(1, "sku must not be empty").optional(),
            // refine, not min/max: Medusa replaces those messages with one that names no bound
            amount: z.number({ error: amountMessage }).refine((n) => n >= 0 && n <= MAX_AMOUNT, amountMessage).nullable(),
          })
          .strict()
          .refine((c) => !!c.variant_id !== !!c.sku, "Each cost names a variant_id or a sku (one of them)"),
        { error: "costs is a list of { variant_id or sku, amount }" }
      )
      .refine((list) => list.length >= 1, "costs lists at least one cost")
      .refine((list) => list.length <= 1000, "costs lists at most 1000 costs; send a longer file in parts"),
  })
  .strict()
export type AdminSetPosVariantCostsType = z.infer<typeof AdminSetPosVariantCosts>
