import { z } from "@medusajs/framework/zod"

export const AdminSimulateRouting = z
  .object({
    order_ids: z.array(z.string().min(1)).max(500, "order_ids holds at most 500 orders").optional(),
    last: z.number({ error: "last is a whole number" }).int("last is a whole number").min(1, "last is at least 1").max(500, "last is at most 500").optional(),
    rule_set: z
      .object({
        version: z.string().trim().min(1).max(100).default("draft"),
        rules: z
          .array(z.object({ id: z.string().min(1, "a rule needs its id"), options: z.record(z.string(), z.unknown()).optional() }).strict())
          .min(1, "rule_set.rules needs at least one rule"),
        allow_split_line: z.boolean().default(false),
      })
      .strict(),
  })
  .strict()
export type AdminSimulateRoutingType = z.infer<typeof AdminSimulateRouting>
