import { z } from "@medusajs/framework/zod"
import { HARD_LIMITS } from "../../../../../modules/pos/options"

const price = (field: string) =>
  z
    .number({ error: `${field} is a number` })
    .finite()
    .min(0, `${field} is not negative`)
    .max(HARD_LIMITS.max_tender_amount, `${field} is at most ${HARD_LIMITS.max_tender_amount}`)

const OfflineLine = z
  .object({
    code: z.string().trim().min(1).max(200, "code has at most 200 characters").optional(),
    variant_id: z.string().min(1).max(100, "variant_id has at most 100 characters").optional(),
    quantity: z
      .number({ error: "quantity is a whole number" })
      .int("quantity is a whole number")
      .min(1, "quantity is at least 1")
      .max(HARD_LIMITS.max_line_quantity, `quantity is at most ${HARD_LIMITS.max_line_quantity}`),
    unit_price: price("unit_price"),
  })
  .strict()
  .refine((line) => !!line.code !== !!line.variant_id, "a line gives either code or variant_id")

/**
 * recorded_at stays text here: a sale whose date cannot be read is rejected on
 * its own in the sync report (kept, never retried), not the whole batch.
 */
const OfflineSale = z
  .object({
    client_txn_id: z.string().trim().min(1, "client_txn_id must not be empty").max(200),
    recorded_at: z.string().min(1, "recorded_at must not be empty").max(64, "recorded_at is an ISO 8601 date and time"),
    staff_id: z.string().min(1, "staff_id must not be empty").max(100, "staff_id has at most 100 characters"),
    lines: z.array(OfflineLine).max(HARD_LIMITS.max_sale_lines, `an offline sale has at most ${HARD_LIMITS.max_sale_lines} lines`),
    tenders: z
      .array(
        z
          .object({ type: z.string().max(20, "tender type has at most 20 characters"), amount: price("amount"), tendered: price("tendered").optional() })
          .strict()
      )
      .max(20, "an offline sale has at most 20 tenders"),
  })
  .strict()

export const TerminalSyncOfflineSales = z
  .object({
    register_id: z.string().min(1, "register_id must not be empty").max(100, "register_id has at most 100 characters"),
    sales: z
      .array(OfflineSale)
      .min(1, "sales has at least one sale")
      .max(HARD_LIMITS.max_sync_sales, `sales has at most ${HARD_LIMITS.max_sync_sales} sales per call`),
  })
  .strict()
export type TerminalSyncOfflineSalesType = z.infer<typeof TerminalSyncOfflineSales>
