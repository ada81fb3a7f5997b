import { z } from "@medusajs/framework/zod"
import { DISPOSITIONS, type Disposition } from "../../../lib/returns/policy"

const storeId = z.string().min(1, "store_id must not be empty").optional()

export const TerminalSearchOrdersParams = z
  .object({
    q: z.string().trim().min(1, "q is a display id (#1042), an email, or a receipt code"),
    store_id: storeId,
    limit: z.coerce.number().int().min(1).max(50).optional(),
  })
  .strict()
export type TerminalSearchOrdersParamsType = z.infer<typeof TerminalSearchOrdersParams>

export const TerminalReturnEligibility = z.object({ store_id: storeId }).strict()
export type TerminalReturnEligibilityType = z.infer<typeof TerminalReturnEligibility>

export const TerminalTakeReturn = z
  .object({
    order_id: z.string().min(1, "order_id must not be empty"),
    lines: z
      .array(
        z
          .object({
            line_item_id: z.string().min(1, "line_item_id must not be empty"),
            quantity: z
              .number({ error: "quantity is a whole number" })
              .int("quantity is a whole number")
              .min(1, "quantity is at least 1"),
            // a refine, not an enum: Medusa would answer an enum miss with "is required"
            disposition: z
              .string({ error: `disposition is one of ${DISPOSITIONS.join(", ")}` })
              .refine((value) => (DISPOSITIONS as readonly string[]).includes(value), {
                message: `disposition is one of ${DISPOSITIONS.join(", ")}`,
              })
              .transform((value) => value as Disposition),
            reason: z.string().trim().min(1).max(500).optional(),
          })
          .strict(),
        { error: "lines is a list of the lines coming back" }
      )
      .min(1, "a return has at least one line"),
    refund_to: z.enum(["original", "store_credit"], { error: 'refund_to is "original" or "store_credit"' }).default("original"),
    idempotency_key: z.string().trim().min(8, "idempotency_key has at least 8 characters").max(200),
    shift_id: z.string().min(1).optional(),
    override_reason: z.string().trim().min(3, "override_reason says why, in a few words").max(500).optional(),
    approval_id: z.string().optional(),
  })
  .strict()
export type TerminalTakeReturnType = z.infer<typeof TerminalTakeReturn>

export const TerminalExchange = TerminalTakeReturn.extend({
  new_items: z
    .array(
      z
        .object({
          variant_id: z.string().min(1, "variant_id must not be empty"),
          quantity: z.number({ error: "quantity is a whole number" }).int("quantity is a whole number").min(1, "quantity is at least 1"),
        })
        .strict(),
      { error: "new_items is a list of the variants the customer takes instead" }
    )
    .min(1, "an exchange has at least one new item"),
  shift_id: z.string({ error: "shift_id is the open shift whose drawer settles the difference" }).min(1),
}).strict()
export type TerminalExchangeType = z.infer<typeof TerminalExchange>

export const TerminalReleaseReturn = z
  .object({
    line_item_id: z.string().min(1, "line_item_id must not be empty"),
    quantity: z.number({ error: "quantity is a whole number" }).int("quantity is a whole number").min(1, "quantity is at least 1"),
    note: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
export type TerminalReleaseReturnType = z.infer<typeof TerminalReleaseReturn>

export const TerminalListReturnsParams = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).optional(),
    offset: z.coerce.number().int().min(0).optional(),
  })
  .strict()
export type TerminalListReturnsParamsType = z.infer<typeof TerminalListReturnsParams>
