import { z } from "@medusajs/framework/zod"
import { DISPOSITIONS, type Disposition } from "../../../lib/returns/policy"
import { boundedText, idParam, unitsParam } from "../../utils/validators"

const storeId = idParam("store_id").optional()
const page = (field: string, min: number, max: number) => {
  const message = `${field} is a whole number from ${min} to ${max}`
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message)
}

export const TerminalSearchOrdersParams = z
  .object({
    q: z
      .string({ error: "q is a display id (#1042), an email, a phone number or a receipt code" })
      .trim()
      .min(1, "q is a display id (#1042), an email, a phone number or a receipt code")
      .max(254, "q has at most 254 characters"),
    store_id: storeId,
    limit: page("limit", 1, 50).optional(),
  })
  .strict()
export type TerminalSearchOrdersParamsType = z.infer<typeof TerminalSearchOrdersParams>

export const TerminalReturnEligibility = z
  .object({
    store_id: storeId,
    lines: z
      .array(z.object({ line_item_id: idParam("line_item_id"), quantity: unitsParam("quantity") }).strict(), {
        error: "lines is a list of the lines coming back, for the refund preview",
      })
      .max(200, "lines has at most 200 entries")
      .optional(),
  })
  .strict()
export type TerminalReturnEligibilityType = z.infer<typeof TerminalReturnEligibility>

export const TerminalTakeReturn = z
  .object({
    order_id: idParam("order_id"),
    lines: z
      .array(
        z
          .object({
            line_item_id: idParam("line_item_id"),
            quantity: unitsParam("quantity"),
            // a refine, not an enum: Medusa would answer an enum miss with "is required"
            disposition: z
              .string({ error: `disposition is one of ${DISPOSITIONS.join(", ")}` })
              .refine((value) => (DISPOSITIONS as readonly string[]).includes(value), {
                message: `disposition is one of ${DISPOSITIONS.join(", ")}`,
              })
              .transform((value) => value as Disposition),
            reason: z
              .string()
              .trim()
              .min(1, "reason must not be empty")
              .max(500, "reason has at most 500 characters")
              .optional(),
          })
          .strict(),
        { error: "lines is a list of the lines coming back" }
      )
      .min(1, "a return has at least one line")
      .max(200, "a return has at most 200 lines"),
    refund_to: z.enum(["original", "store_credit"], { error: 'refund_to is "original" or "store_credit"' }).default("original"),
    idempotency_key: z.string().trim().min(8, "idempotency_key has at least 8 characters").max(200),
    shift_id: idParam("shift_id").optional(),
    override_reason: z
      .string()
      .trim()
      .min(3, "override_reason says why, in a few words")
      .max(500, "override_reason has at most 500 characters")
      .optional(),
    approval_id: idParam("approval_id").optional(),
  })
  .strict()
export type TerminalTakeReturnType = z.infer<typeof TerminalTakeReturn>

export const TerminalExchange = TerminalTakeReturn.extend({
  new_items: z
    .array(
      z
        .object({
          variant_id: idParam("variant_id"),
          quantity: unitsParam("quantity"),
        })
        .strict(),
      { error: "new_items is a list of the variants the customer takes instead" }
    )
    .min(1, "an exchange has at least one new item")
    .max(200, "an exchange has at most 200 new items"),
  shift_id: z
    .string({ error: "shift_id is the open shift whose drawer settles the difference" })
    .min(1, "shift_id is the open shift whose drawer settles the difference")
    .max(100, "shift_id has at most 100 characters"),
}).strict()
export type TerminalExchangeType = z.infer<typeof TerminalExchange>

export const TerminalReleaseReturn = z
  .object({
    line_item_id: idParam("line_item_id"),
    quantity: unitsParam("quantity"),
    note: z.string().trim().min(1, "note must not be empty").max(500, "note has at most 500 characters").optional(),
  })
  .strict()
export type TerminalReleaseReturnType = z.infer<typeof TerminalReleaseReturn>

export const TerminalListReturnsParams = z
  .object({
    limit: page("limit", 1, 100).optional(),
    offset: page("offset", 0, Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict()
export type TerminalListReturnsParamsType = z.infer<typeof TerminalListReturnsParams>
