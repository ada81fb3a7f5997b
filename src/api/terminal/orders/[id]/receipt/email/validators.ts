import { z } from "@medusajs/framework/zod"

export const TerminalEmailReceipt = z
  .object({
    email: z.string().trim().max(254, "email has at most 254 characters").email("email is not a valid email address").optional(),
    idempotency_key: z
      .string({ error: "idempotency_key is text, 8 to 100 characters" })
      .min(8, "idempotency_key has 8 to 100 characters")
      .max(100, "idempotency_key has 8 to 100 characters"),
  })
  .strict()
export type TerminalEmailReceiptType = z.infer<typeof TerminalEmailReceipt>
