import { z } from "@medusajs/framework/zod"
import { idParam, MAX_AMOUNT } from "../../utils/validators"

export const TerminalRefundOrder = z
  .object({
    amount: z
      .number({ error: "amount is a number" })
      .finite("amount is a number")
      .positive("amount is more than 0")
      .max(MAX_AMOUNT, `amount is at most ${MAX_AMOUNT}`)
      .refine((value) => Math.abs(value * 10000 - Math.round(value * 10000)) < 1e-6, "amount has at most 4 decimals"),
    idempotency_key: z
      .string({ error: "idempotency_key is text" })
      .trim()
      .min(8, "idempotency_key has at least 8 characters")
      .max(200, "idempotency_key has at most 200 characters"),
    reason: z.string().trim().min(1, "reason must not be empty").max(500, "reason has at most 500 characters").optional(),
    shift_id: idParam("shift_id").optional(),
    approval_id: idParam("approval_id").optional(),
  })
  .strict()
export type TerminalRefundOrderType = z.infer<typeof TerminalRefundOrder>
