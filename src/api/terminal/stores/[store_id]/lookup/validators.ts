import { z } from "@medusajs/framework/zod"

export const TerminalLookupParams = z
  .object({
    code: z.string().trim().min(1, "code must not be empty").optional(),
    q: z.string().trim().min(2, "q has at least 2 characters").optional(),
    limit: z.coerce.number().int().min(1).max(50).optional(),
  })
  .refine((value) => !!value.code !== !!value.q, "give either code (a barcode or SKU) or q (text), not both")
export type TerminalLookupParamsType = z.infer<typeof TerminalLookupParams>

export const TerminalAvailabilityParams = z.object({
  variant_id: z.union([z.string(), z.array(z.string())]),
})
export type TerminalAvailabilityParamsType = z.infer<typeof TerminalAvailabilityParams>
