import { ContainerRegistrationKeys, MathBN, MedusaError, Modules, QueryContext } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { endlessOf } from "../utils/endless-aisle"
import { throwIfOverSaleLimits } from "../utils/sale-limits"
import { VARIANT_STOCK_FIELDS } from "../utils/find-variants"

export const prepareScanStepId = "prepare-pos-scan"

/** What a scan reads of the cart: enough to price, tax and merge one line. */
const SCAN_CART_FIELDS = [
  "id",
  "currency_code",
  "region_id",
  "customer_id",
  "sales_channel_id",
  "email",
  "locale",
  "completed_at",
  "region.automatic_taxes",
  "shipping_address.*",
  "customer.id",
  "customer.email",
  "customer.metadata",
  "customer.groups.id",
  "items.id",
  "items.variant_id",
  "items.quantity",
  "items.unit_price",
  "items.is_custom_price",
  "items.is_tax_inclusive",
  "items.compare_at_unit_price",
  "items.metadata",
  "items.adjustments.id",
  "promotions.code",
  "shipping_methods.id",
  "payment_collection.id",
]

/** What a new line copies from its variant, as Medusa's add-to-cart does. */
const SCAN_VARIANT_FIELDS = [
  ...VARIANT_STOCK_FIELDS,
  "title",
  "sku",
  "barcode",
  "thumbnail",
  "inventory_items.inventory.requires_shipping",
  "product.id",
  "product.title",
  "product.description",
  "product.subtitle",
  "product.thumbnail",
  "product.handle",
  "product.status",
  "product.discountable",
  "product.is_giftcard",
  "product.type.id",
  "product.type.value",
  "product.collection.title",
  "product.shipping_profile.id",
  "calculated_price.*",
]

export type ScanPlan =
  | { fast: false; reason: string; in_hand_after: number }
  | {
      fast: true
      cart: Record<string, any>
      variant: Record<string, any>
      /** the taken-home line of this variant already on the sale, if any */
      /** the line the scan adds to, as it was (Medusa's rule: same metadata, and the same custom price or none) */
      existing: {
        id: string
        quantity: number
        unit_price: number
        is_tax_inclusive: boolean
        compare_at_unit_price: number | null
      } | null
      /** the quantity of that line after the scan (or of the new line) */
      quantity_after: number
      /** units of the variant taken home on the whole sale after the scan */
      in_hand_after: number
      unit_price: number
      is_tax_inclusive: boolean
      is_custom_price: boolean
      compare_at_unit_price: number | null
      /** run Medusa's promotion computation: codes, automatic promotions or adjustments to refresh */
      refresh_promotions: boolean
      promo_codes: string[]
    }

/**
 * Reads what one scan needs in two queries (the cart, then the variant priced
 * in the cart's context with its stock) and decides whether the light path
 * applies. It does not when the cart has shipping methods or a payment
 * collection, whose refresh Medusa's full add-to-cart does: then the caller
 * runs that instead.
 */
export const prepareScanStep = createStep(
  prepareScanStepId,
  async (input: { cart_id: string; variant_id: string; quantity: number; unit_price?: number }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: carts } = await query.graph({ entity: "cart", fields: SCAN_CART_FIELDS, filters: { id: input.cart_id } })
    const cart = carts[0] as any
    if (!cart) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart ${input.cart_id} was not found`)
    }
    if (cart.completed_at) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cart ${cart.id} is already completed`)
    }
    // lines taken home (endless-aisle lines carry metadata: sent from another node, not in hand)
    const inHand = ((cart.items ?? []) as any[]).filter((item) => item?.variant_id === input.variant_id && !endlessOf(item))
    const inHandAfter = MathBN.add(0, input.quantity, ...inHand.map((item) => item.quantity)).toNumber()
    // Medusa's merge rule (findMatchingLineItem): the same metadata (none), and the same custom price, or no custom price on either
    const existing =
      inHand.find(
        (item) =>
          !Object.keys(item.metadata ?? {}).length &&
          (input.unit_price != null ? MathBN.eq(item.unit_price, input.unit_price) : !item.is_custom_price)
      ) ?? null
    const quantityAfter = MathBN.add(existing?.quantity ?? 0, input.quantity).toNumber()
    // bounds first: nothing (a stock raise, a line) is written for a request beyond them
    const pos: PosModuleService = container.resolve(POS_MODULE)
    throwIfOverSaleLimits(pos.settings.limits, {
      line_quantity: quantityAfter,
      lines: (cart.items ?? []).length + (existing ? 0 : 1),
    })
    if (cart.shipping_methods?.length || cart.payment_collection?.id) {
      return new StepResponse<ScanPlan>({
        fast: false,
        reason: "the cart has shipping methods or a payment collection",
        in_hand_after: inHandAfter,
      })
    }
    const { data: variants } = await query.graph({
      entity: "product_variant",
      fields: SCAN_VARIANT_FIELDS,
      filters: { id: input.variant_id },
      context: {
        calculated_price: QueryContext({
          id: cart.id,
          currency_code: cart.currency_code,
          region_id: cart.region_id,
          customer_id: cart.customer_id,
          sales_channel_id: cart.sales_channel_id,
          email: cart.email,
          customer: cart.customer,
          region: cart.region,
          shipping_address: cart.shipping_address
            ? {
                city: cart.shipping_address.city,
                country_code: cart.shipping_address.country_code,
                province: cart.shipping_address.province,
                postal_code: cart.shipping_address.postal_code,
              }
            : undefined,
          quantity: quantityAfter,
        }),
      },
    })
    const variant = variants[0] as any
    if (!variant) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Variant ${input.variant_id} was not found`)
    }
    if (variant.product?.status !== "published") {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Variant ${variant.sku ?? variant.id} belongs to a product that is not published (${variant.product?.title ?? "no product"}); it cannot be sold`
      )
    }
    const customPrice = input.unit_price != null ? input.unit_price : null
    const calculated = variant.calculated_price
    if (customPrice == null && calculated?.calculated_amount == null) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${variant.product?.title ?? "Variant"} ${variant.sku ?? variant.id} has no price in ${String(cart.currency_code).toUpperCase()} for this store`
      )
    }
    const onSale =
      calculated?.calculated_price?.price_list_type === "sale" &&
      !MathBN.eq(calculated.original_amount ?? 0, calculated.calculated_amount ?? 0)
    const hasAdjustments = ((cart.items ?? []) as any[]).some((item) => item?.adjustments?.length)
    const codes = ((cart.promotions ?? []) as any[]).map((p) => p?.code).filter(Boolean)
    let refresh = codes.length > 0 || hasAdjustments
    if (!refresh) {
      const promotions = container.resolve(Modules.PROMOTION)
      const automatic = await promotions.listPromotions({ is_automatic: true }, { select: ["id"], take: 1 })
      refresh = automatic.length > 0
    }
    return new StepResponse<ScanPlan>({
      fast: true,
      cart,
      variant,
      existing: existing
        ? {
            id: existing.id,
            quantity: Number(existing.quantity),
            unit_price: Number(existing.unit_price),
            is_tax_inclusive: !!existing.is_tax_inclusive,
            compare_at_unit_price: existing.compare_at_unit_price == null ? null : Number(existing.compare_at_unit_price),
          }
        : null,
      quantity_after: quantityAfter,
      in_hand_after: inHandAfter,
      unit_price: customPrice ?? Number(calculated.calculated_amount),
      is_tax_inclusive: !!calculated?.is_calculated_price_tax_inclusive,
      is_custom_price: customPrice != null,
      compare_at_unit_price: onSale ? Number(calculated.original_amount) : null,
      refresh_promotions: refresh,
      promo_codes: codes,
    })
  }
)

export const upsertScannedLineStepId = "upsert-pos-scanned-line"

type UpsertCompensation =
  | { created_id: string }
  | { updated: { id: string; quantity: number; unit_price: number; is_tax_inclusive: boolean; compare_at_unit_price: number | null } }

/**
 * Adds the scanned line, or raises the quantity of the variant's line (repriced
 * for the new quantity, as Medusa prices quantity tiers). Compensation deletes
 * the new line or restores the old quantity and price.
 */
export const upsertScannedLineStep = createStep(
  upsertScannedLineStepId,
  async (input: { plan: Extract<ScanPlan, { fast: true }>; quantity: number }, { container }) => {
    const cartModule = container.resolve(Modules.CART)
    const { plan } = input
    if (plan.existing) {
      const [item] = await cartModule.updateLineItems([
        {
          id: plan.existing.id,
          quantity: plan.quantity_after,
          unit_price: plan.unit_price,
          compare_at_unit_price: plan.compare_at_unit_price,
          is_tax_inclusive: plan.is_tax_inclusive,
        },
      ] as any)
      return new StepResponse(
        { created: [] as any[], updated: [item] },
        {
          updated: {
            id: plan.existing.id,
            quantity: plan.existing.quantity,
            unit_price: plan.existing.unit_price,
            is_tax_inclusive: plan.existing.is_tax_inclusive,
            compare_at_unit_price: plan.existing.compare_at_unit_price,
          },
        } as UpsertCompensation
      )
    }
    const variant = plan.variant
    const product = variant.product ?? {}
    const [item] = await cartModule.addLineItems([
      {
        cart_id: plan.cart.id,
        quantity: input.quantity,
        title: product.title,
        subtitle: variant.title,
        thumbnail: variant.thumbnail ?? product.thumbnail,
        product_id: product.id,
        product_title: product.title,
        product_description: product.description,
        product_subtitle: product.subtitle,
        product_type: product.type?.value ?? null,
        product_type_id: product.type?.id ?? null,
        product_collection: product.collection?.title ?? null,
        product_handle: product.handle,
        variant_id: variant.id,
        variant_sku: variant.sku,
        variant_barcode: variant.barcode,
        variant_title: variant.title,
        is_discountable: product.discountable,
        is_giftcard: product.is_giftcard ?? false,
        requires_shipping:
          !!product.shipping_profile?.id || !!variant.inventory_items?.some((i: any) => i?.inventory?.requires_shipping),
        unit_price: plan.unit_price,
        compare_at_unit_price: plan.compare_at_unit_price,
        is_tax_inclusive: plan.is_tax_inclusive,
        ...(plan.is_custom_price ? { is_custom_price: true } : {}),
        metadata: {},
      } as any,
    ])
    return new StepResponse({ created: [item], updated: [] as any[] }, { created_id: item.id } as UpsertCompensation)
  },
  async (data, { container }) => {
    if (!data) {
      return
    }
    const cartModule = container.resolve(Modules.CART)
    if ("created_id" in data) {
      await cartModule.deleteLineItems([data.created_id])
    } else {
      await cartModule.updateLineItems([data.updated] as any)
    }
  }
)
