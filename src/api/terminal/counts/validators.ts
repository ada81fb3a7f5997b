import { z } from "@medusajs/framework/zod"
import { StockCountStatus } from "../../../modules/pos/models/stock-count"
import { MAX_COUNT_LINES } from "../../../workflows/stock-count/utils"
import { idParam } from "../../utils/validators"

const code = z.string({ error: "code is the SKU or barcode scanned" }).trim().min(1, "code must not be empty").max(100, "code has at most 100 characters")

export const TerminalCreateCount = z
  .object({
    label: z.string({ error: 'label names what is counted ("Shelf B3", "Outerwear")' }).trim().min(1, "label must not be empty").max(100, "label has at most 100 characters"),
    scope: z.discriminatedUnion(
      "kind",
      [
        z.object({ kind: z.literal("shelf") }).strict(),
        z.object({ kind: z.literal("category"), category_id: idParam("category_id") }).strict(),
        z
          .object({ kind: z.literal("skus"), codes: z.array(code).min(1, "codes lists at least one SKU").max(MAX_COUNT_LINES, `codes lists at most ${MAX_COUNT_LINES} SKUs`) })
          .strict(),
      ],
      { error: 'scope is {kind: "shelf"}, {kind: "category", category_id} or {kind: "skus", codes}' }
    ),
  })
  .strict()
export type TerminalCreateCountType = z.infer<typeof TerminalCreateCount>

export const TerminalSubmitCount = z
  .object({
    lines: z
      .array(
        z
          .object({
            code,
            counted: z.number({ error: "counted is a whole number" }).int("counted is a whole number").min(0, "counted is 0 or more").max(100_000, "counted is at most 100000"),
          })
          .strict()
      )
      .max(MAX_COUNT_LINES, `lines has at most ${MAX_COUNT_LINES} entries`)
      .optional(),
    approval_id: idParam("approval_id").optional(),
  })
  .strict()
export type TerminalSubmitCountType = z.infer<typeof TerminalSubmitCount>

const STATUSES = Object.values(StockCountStatus) as string[]
export const TerminalListCountsParams = z
  .object({
    status: z
      .string()
      .transform((value) => value.split(",").map((s) => s.trim()).filter(Boolean))
      .refine((value) => value.every((s) => STATUSES.includes(s)), `status is one or more of ${STATUSES.join(", ")}, separated by commas`)
      .optional(),
  })
  .strict()
export type TerminalListCountsParamsType = z.infer<typeof TerminalListCountsParams>

export const TerminalListCategoriesParams = z.object({}).strict()
