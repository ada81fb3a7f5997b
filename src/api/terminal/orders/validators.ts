import { z } from "@medusajs/framework/zod"

export const TerminalRefundOrder = z
  .object({
    amount: z
      .number({ error: "amount is a number" })
      .finite()
      .positive("amount is more than 0"),
    idempotency_key: z.string().trim().min(8, "idempotency_key has at least 8 characters").max(200),
    reason: z.string().trim().min(1).max(500).optional(),
    shift_id: z.string().min(1).optional(),
    approval_id: z.string().optional(),
  })
  .strict()
export type TerminalRefundOrderType = z.infer<typeof TerminalRefundOrder>
