import { z } from "@medusajs/framework/zod"

const OfflineLine = z
  .object({
    code: z.string().trim().min(1).optional(),
    variant_id: z.string().min(1).optional(),
    quantity: z.number().int("quantity is a whole number").min(1, "quantity is at least 1"),
    unit_price: z.number().min(0, "unit_price is not negative"),
  })
  .strict()
  .refine((line) => !!line.code !== !!line.variant_id, "a line gives either code or variant_id")

const OfflineSale = z
  .object({
    client_txn_id: z.string().trim().min(1, "client_txn_id must not be empty").max(200),
    recorded_at: z.string().min(1, "recorded_at must not be empty"),
    staff_id: z.string().min(1, "staff_id must not be empty"),
    lines: z.array(OfflineLine),
    tenders: z.array(
      z.object({ type: z.string(), amount: z.number().min(0), tendered: z.number().min(0).optional() }).strict()
    ),
  })
  .strict()

export const TerminalSyncOfflineSales = z
  .object({
    register_id: z.string().min(1, "register_id must not be empty"),
    sales: z.array(OfflineSale).min(1, "sales has at least one sale").max(200, "sales has at most 200 sales per call"),
  })
  .strict()
export type TerminalSyncOfflineSalesType = z.infer<typeof TerminalSyncOfflineSales>
