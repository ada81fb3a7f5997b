import { z } from "@medusajs/framework/zod"
import { idParam, MAX_UNITS } from "../../../utils/validators"

const units = z
  .number({ error: "safety stock is a whole number of units" })
  .int("safety stock is a whole number of units")
  .min(0, "safety stock is 0 or more")
  .max(MAX_UNITS, `safety stock is at most ${MAX_UNITS} units`)

/** A routing rule set as the admin API takes it (docs/routing.md). */
const RuleSetSchema = z
  .object({
    version: z.string().trim().min(1).max(100).default("draft"),
    rules: z
      .array(
        z
          .object({
            id: z.string().min(1, "a rule needs its id").max(100, "a rule's id has at most 100 characters"),
            options: z
              .record(z.string().max(100), z.unknown())
              .refine((value) => JSON.stringify(value).length <= 10_000, "a rule's options hold at most 10,000 characters as JSON")
              .optional(),
          })
          .strict()
      )
      .min(1, "rule_set.rules needs at least one rule")
      .max(50, "rule_set.rules holds at most 50 rules"),
    allow_split_line: z.boolean().default(false),
    safety_stock: z
      .object({ default: units.optional(), nodes: z.record(idParam("safety_stock.nodes key"), units).optional() })
      .strict()
      .optional(),
  })
  .strict()

export const AdminSimulateRouting = z
  .object({
    order_ids: z.array(idParam("order_ids")).max(500, "order_ids holds at most 500 orders").optional(),
    last: z.number({ error: "last is a whole number" }).int("last is a whole number").min(1, "last is at least 1").max(500, "last is at most 500").optional(),
    /** the draft to try; without it, the rule set in force */
    rule_set: RuleSetSchema.optional(),
  })
  .strict()
export type AdminSimulateRoutingType = z.infer<typeof AdminSimulateRouting>

/** Saves the rule set routing uses from now on; `rule_set: null` goes back to the plugin option's. */
export const AdminSaveRoutingRules = z.object({ rule_set: RuleSetSchema.nullable() }).strict()
export type AdminSaveRoutingRulesType = z.infer<typeof AdminSaveRoutingRules>
