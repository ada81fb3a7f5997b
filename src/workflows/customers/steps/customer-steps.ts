import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { DEFAULT_CONSENT_WORDING, type ConsentPurpose } from "../../../lib/customers/consent"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { customerConsents, hasConsent, loadCustomer } from "../utils/profile"

/** Views kept per customer: the oldest go beyond this. */
export const PRODUCT_VIEWS_KEPT = 50

export type ConsentChangeInput = {
  customer_id: string
  changes: { purpose: ConsentPurpose; granted: boolean; wording?: string }[]
  source: "storefront" | "till" | "dashboard"
  recorded_by_type: "customer" | "staff" | "user"
  recorded_by: string
  store_id?: string | null
}

/** 404 for a customer Medusa does not know. */
export const requireCustomerStep = createStep("require-pos-customer", async (input: { customer_id: string }, { container }) => {
  const customer = await loadCustomer(container, input.customer_id)
  return new StepResponse({ id: customer.id })
})

/** Appends one row per change (the wording shown, or today's default); taken back, the rows go. */
export const createConsentRowsStep = createStep(
  "create-pos-consent-rows",
  async (input: ConsentChangeInput, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const rows = await pos.createPosCustomerConsents(
      input.changes.map((change) => ({
        customer_id: input.customer_id,
        purpose: change.purpose,
        granted: change.granted,
        source: input.source,
        recorded_by_type: input.recorded_by_type,
        recorded_by: input.recorded_by,
        store_id: input.store_id ?? null,
        wording: change.wording?.trim() || DEFAULT_CONSENT_WORDING[change.purpose],
      }))
    )
    const { consents } = await customerConsents(container, input.customer_id)
    return new StepResponse(consents, rows.map((r: any) => r.id as string))
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await container.resolve<PosModuleService>(POS_MODULE).deletePosCustomerConsents(ids)
    }
  }
)

/** A staff member's note about a customer who agreed to purchase history (refused otherwise); taken back, it goes. */
export const createCustomerNoteStep = createStep(
  "create-pos-customer-note",
  async (input: { customer_id: string; store_id: string; staff_id: string; text: string }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    if (!(await hasConsent(container, input.customer_id, "purchase_history"))) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Notes are kept only about a customer who agreed to purchase history; customer ${input.customer_id} has not`
      )
    }
    const note = await pos.createPosCustomerNotes(input)
    return new StepResponse(note, note.id as string)
  },
  async (id, { container }) => {
    if (id) {
      await container.resolve<PosModuleService>(POS_MODULE).deletePosCustomerNotes(id)
    }
  }
)

/**
 * A product view of a signed-in customer, kept only while they consent to `browsing_history`
 * (read here, so a withdrawal takes effect at once); the customer's oldest views beyond 50 go.
 */
export const recordProductViewStep = createStep(
  "record-pos-product-view",
  async (input: { customer_id: string; product_id: string; variant_id?: string | null }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const { data: products } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
      entity: "product",
      fields: ["id", "variants.id"],
      filters: { id: input.product_id },
    })
    const product = products[0] as any
    if (!product) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `product_id ${input.product_id} is not a product of this shop`)
    }
    if (input.variant_id && !(product.variants ?? []).some((v: any) => v?.id === input.variant_id)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `variant_id ${input.variant_id} is not a variant of product ${input.product_id}`)
    }
    if (!(await hasConsent(container, input.customer_id, "browsing_history"))) {
      return new StepResponse({ recorded: false }, null)
    }
    const view = await pos.createPosProductViews({ customer_id: input.customer_id, product_id: input.product_id, variant_id: input.variant_id ?? null })
    const older = await pos.listPosProductViews(
      { customer_id: input.customer_id },
      { select: ["id"], order: { created_at: "DESC" }, skip: PRODUCT_VIEWS_KEPT, take: 100 }
    )
    if (older.length) {
      await pos.deletePosProductViews(older.map((v: any) => v.id))
    }
    return new StepResponse({ recorded: true }, view.id as string)
  },
  async (id, { container }) => {
    if (id) {
      await container.resolve<PosModuleService>(POS_MODULE).deletePosProductViews(id)
    }
  }
)

/**
 * A withdrawal of `browsing_history` forgets the customer's product views at once; taken back,
 * they come back as they were.
 */
export const forgetProductViewsStep = createStep(
  "forget-pos-product-views",
  async (input: ConsentChangeInput, { container }) => {
    if (!input.changes.some((c) => c.purpose === "browsing_history" && !c.granted)) {
      return new StepResponse(0, null)
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const views = (await pos.listPosProductViews({ customer_id: input.customer_id })) as any[]
    if (views.length) {
      await pos.deletePosProductViews(views.map((v) => v.id))
    }
    return new StepResponse(views.length, views.map((v) => ({ id: v.id, customer_id: v.customer_id, product_id: v.product_id, variant_id: v.variant_id })))
  },
  async (views, { container }) => {
    if (views?.length) {
      await container.resolve<PosModuleService>(POS_MODULE).createPosProductViews(views)
    }
  }
)

/**
 * Erases what the plugin holds about a customer: consents, staff notes, product views. Not taken
 * back: an erasure stands (its audit row says how many rows went, nothing of what they said).
 */
export const eraseCustomerDataStep = createStep("erase-pos-customer-data", async (input: { customer_id: string }, { container }) => {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const filter = { customer_id: input.customer_id }
  const [consents, notes, views] = await Promise.all([
    pos.listPosCustomerConsents(filter, { select: ["id"], withDeleted: true }),
    pos.listPosCustomerNotes(filter, { select: ["id"], withDeleted: true }),
    pos.listPosProductViews(filter, { select: ["id"], withDeleted: true }),
  ])
  await pos.deletePosCustomerConsents(consents.map((c: any) => c.id))
  await pos.deletePosCustomerNotes(notes.map((n: any) => n.id))
  await pos.deletePosProductViews(views.map((v: any) => v.id))
  return new StepResponse({ consents: consents.length, notes: notes.length, views: views.length })
})
