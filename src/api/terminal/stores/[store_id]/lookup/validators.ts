import { z } from "@medusajs/framework/zod"
import { boundedText, idParam } from "../../../../utils/validators"

export const TerminalLookupParams = z
  .object({
    code: boundedText("code", 200).trim().min(1, "code must not be empty").optional(),
    q: boundedText("q", 200).trim().min(2, "q has at least 2 characters").optional(),
    limit: z.coerce
      .number({ error: "limit is a whole number from 1 to 50" })
      .int("limit is a whole number from 1 to 50")
      .min(1, "limit is a whole number from 1 to 50")
      .max(50, "limit is a whole number from 1 to 50")
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.code && value.q) {
      ctx.addIssue({ code: "custom", message: "give either code (a barcode or SKU) or q (text), not both" })
    } else if (!value.code && !value.q) {
      ctx.addIssue({ code: "custom", message: "give code (a barcode or SKU) or q (text) to look up" })
    }
  })
export type TerminalLookupParamsType = z.infer<typeof TerminalLookupParams>

export const TerminalAvailabilityParams = z.object({
  variant_id: z.union(
    [idParam("variant_id"), z.array(idParam("variant_id")).min(1).max(100, "variant_id lists at most 100 variants")],
    { error: "variant_id is a variant id or a list of them" }
  ),
})
export type TerminalAvailabilityParamsType = z.infer<typeof TerminalAvailabilityParams>
