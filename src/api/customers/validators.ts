import { z } from "@medusajs/framework/zod"
import { CONSENT_PURPOSES, type ConsentPurpose } from "../../lib/customers/consent"
import { idParam } from "../utils/validators"

/** Text of at most `max` characters, the message naming the field (a refinement: Medusa rewords zod's own). */
const refinedText = (field: string, max: number) =>
  z.string({ error: `${field} is text` }).refine((value) => value.length <= max, `${field} has at most ${max} characters`)

const consentChange = z
  .object({
    // refinements, not enum or literal messages: Medusa answers those with its own wording
    purpose: z
      .string({ error: "purpose is text" })
      .refine((value) => (CONSENT_PURPOSES as readonly string[]).includes(value), `purpose is one of ${CONSENT_PURPOSES.join(", ")}`)
      .transform((value) => value as ConsentPurpose),
    granted: z.boolean({ error: "granted is true or false" }),
    /** what the customer was shown; today's wording when left out */
    wording: refinedText("wording", 1000).optional(),
  })
  .strict()

const consentChanges = z
  .array(consentChange, { error: "changes is a list of {purpose, granted, wording?}" })
  .min(1, "changes holds at least one change")
  .max(CONSENT_PURPOSES.length, `changes holds at most ${CONSENT_PURPOSES.length} changes`)
  .refine((changes) => new Set(changes.map((c) => c.purpose)).size === changes.length, "changes names each purpose once")

/** The signed-in customer changes their own consents in the storefront. */
export const StoreConsentChanges = z.object({ changes: consentChanges }).strict()
export type StoreConsentChangesType = z.infer<typeof StoreConsentChanges>

/**
 * Staff change a customer's consents at the till, with the customer there: the open sale at this
 * store that the customer is attached to is the proof that they are at the counter.
 */
export const TerminalConsentChanges = z
  .object({
    changes: consentChanges,
    // a refinement over any value, so that a missing sale_id gets this message, not Medusa's "is required"
    sale_id: z
      .unknown()
      .refine(
        (value) => typeof value === "string" && value.length > 0 && value.length <= 100,
        "sale_id is the open sale the customer is attached to (an id of at most 100 characters): consent is changed at the till only with the customer there"
      )
      .transform((value) => value as string),
  })
  .strict()
export type TerminalConsentChangesType = z.infer<typeof TerminalConsentChanges>

export const TerminalCustomerNote = z
  .object({ text: refinedText("text", 2000).refine((value) => value.trim().length > 0, "text must not be empty").transform((value) => value.trim()) })
  .strict()
export type TerminalCustomerNoteType = z.infer<typeof TerminalCustomerNote>

export const StoreProductView = z
  .object({ product_id: idParam("product_id"), variant_id: idParam("variant_id").optional() })
  .strict()
export type StoreProductViewType = z.infer<typeof StoreProductView>
