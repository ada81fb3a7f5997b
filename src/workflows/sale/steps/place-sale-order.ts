import {
  ContainerRegistrationKeys,
  isDefined,
  isPresent,
  MathBN,
  MedusaError,
  Modules,
  OrderWorkflowEvents,
  OrderStatus,
  PriceListType,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { endlessOf } from "../utils/endless-aisle"
import { VARIANT_STOCK_FIELDS } from "../utils/find-variants"
import { raiseStockInHand } from "./ensure-stock-in-hand"

/**
 * What placing a sale's order reads of its cart, once: what Medusa's cart
 * completion reads to make the order (lines with their tax lines and
 * adjustments, the shipping method, addresses, promotions, the payment
 * sessions), and the lines' stock at every location, which the stock check
 * before it needs. Totals are not computed: the order computes its own.
 */
export const SALE_ORDER_CART_FIELDS = [
  "id",
  "email",
  "currency_code",
  "locale",
  "metadata",
  "region_id",
  "customer_id",
  "sales_channel_id",
  "completed_at",
  "order.id",
  "items.*",
  "items.tax_lines.*",
  "items.adjustments.*",
  "items.variant.product.id",
  "items.variant.product.is_giftcard",
  "items.variant.product.shipping_profile.id",
  "items.variant.allow_backorder",
  ...VARIANT_STOCK_FIELDS.map((field) => `items.variant.${field}`),
  "shipping_methods.*",
  "shipping_methods.tax_lines.*",
  "shipping_methods.adjustments.*",
  "shipping_methods.shipping_option.shipping_profile_id",
  "shipping_address.*",
  "billing_address.*",
  "credit_lines.*",
  "promotions.id",
  "payment_collection.id",
  "payment_collection.payment_sessions.id",
  "payment_collection.payment_sessions.status",
  "payment_collection.payment_sessions.provider_id",
]

const taxLinesOf = (lines: any[] | null | undefined) =>
  (lines ?? []).filter(Boolean).map((line) => ({
    description: line.description,
    tax_rate_id: line.tax_rate_id,
    code: line.code,
    rate: line.rate,
    provider_id: line.provider_id,
    metadata: line.metadata ?? null,
    data: line.data ?? null,
  }))

const adjustmentsOf = (adjustments: any[] | null | undefined) =>
  (adjustments ?? []).filter(Boolean).map((adjustment) => ({
    code: adjustment.code,
    amount: adjustment.amount,
    description: adjustment.description,
    promotion_id: adjustment.promotion_id,
    provider_id: adjustment.provider_id,
    is_tax_inclusive: adjustment.is_tax_inclusive,
  }))

/**
 * A cart line as an order line, as Medusa's cart completion maps it
 * (prepareLineItemData in @medusajs/core-flows, which is not exported): the
 * line's own copies of the product's and variant's titles first, the variant's
 * where the line has none.
 */
function orderLineOf(cartId: string, item: any) {
  const variant = item.variant
  if (variant && !variant.product) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Variant ${variant.id} of line ${item.id} has no product`)
  }
  if (MathBN.lte(item.quantity, 0)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Line ${item.id} has a quantity of ${item.quantity}`)
  }
  let compareAtUnitPrice = item.compare_at_unit_price
  const price = variant?.calculated_price
  if (
    !isPresent(compareAtUnitPrice) &&
    price?.calculated_price?.price_list_type === PriceListType.SALE &&
    !MathBN.eq(price.original_amount, price.calculated_amount)
  ) {
    compareAtUnitPrice = price.original_amount
  }
  const requiresShipping = isDefined(item.requires_shipping)
    ? item.requires_shipping
    : isDefined(variant?.product?.shipping_profile?.id) ||
      !!variant?.inventory_items?.some((link: any) => !!link?.inventory?.requires_shipping)
  return {
    quantity: item.quantity,
    title: item.title ?? variant?.product?.title,
    subtitle: item.subtitle ?? variant?.title,
    thumbnail: item.thumbnail ?? variant?.thumbnail ?? variant?.product?.thumbnail,
    product_id: variant?.product?.id ?? item.product_id,
    product_title: item.product_title ?? variant?.product?.title,
    product_description: item.product_description ?? variant?.product?.description,
    product_subtitle: item.product_subtitle ?? variant?.product?.subtitle,
    product_type: item.product_type ?? variant?.product?.type?.value ?? null,
    product_type_id: item.product_type_id ?? variant?.product?.type?.id ?? null,
    product_collection: item.product_collection ?? variant?.product?.collection?.title ?? null,
    product_handle: item.product_handle ?? variant?.product?.handle,
    variant_id: variant?.id,
    variant_sku: item.variant_sku ?? variant?.sku,
    variant_barcode: item.variant_barcode ?? variant?.barcode,
    variant_title: item.variant_title ?? variant?.title,
    variant_option_values: item.variant_option_values,
    is_discountable: item.is_discountable ?? variant?.product?.discountable,
    is_giftcard: variant?.product?.is_giftcard ?? false,
    requires_shipping: requiresShipping,
    unit_price: item.unit_price,
    compare_at_unit_price: compareAtUnitPrice,
    is_tax_inclusive: !!item.is_tax_inclusive,
    metadata: item.metadata ?? {},
    tax_lines: taxLinesOf(item.tax_lines),
    adjustments: adjustmentsOf(item.adjustments),
    cart_id: cartId,
    // like Medusa's completion, is_custom_price is not carried over: the order line has the price itself
  }
}

/**
 * The order of a sale's cart, as Medusa's completeCartWorkflow makes it from
 * the cart: pending, with the cart's lines, shipping method, addresses,
 * promotion codes and credit lines.
 */
export function saleCartToOrder(cart: any) {
  const items = ((cart.items ?? []) as any[]).filter(Boolean).map((item) => orderLineOf(cart.id, item))
  const shippingMethods = ((cart.shipping_methods ?? []) as any[]).filter(Boolean).map((method) => ({
    name: method.name,
    description: method.description,
    amount: method.raw_amount ?? method.amount,
    is_tax_inclusive: method.is_tax_inclusive,
    shipping_option_id: method.shipping_option_id,
    data: method.data,
    metadata: method.metadata,
    tax_lines: taxLinesOf(method.tax_lines),
    adjustments: adjustmentsOf(method.adjustments),
  }))
  const promoCodes = [...items.flatMap((i: any) => i.adjustments), ...shippingMethods.flatMap((m) => m.adjustments)]
    .map((adjustment) => adjustment.code)
    .filter(Boolean)
  const address = (value: any) => {
    if (!value) {
      return null
    }
    const { id: _id, ...rest } = value
    return rest
  }
  return {
    region_id: cart.region_id,
    customer_id: cart.customer_id,
    sales_channel_id: cart.sales_channel_id,
    status: OrderStatus.PENDING,
    email: cart.email,
    currency_code: cart.currency_code,
    locale: cart.locale,
    shipping_address: address(cart.shipping_address),
    billing_address: address(cart.billing_address),
    no_notification: false,
    items,
    shipping_methods: shippingMethods,
    metadata: cart.metadata,
    promo_codes: promoCodes,
    credit_lines: ((cart.credit_lines ?? []) as any[]).filter(Boolean).map((credit) => ({
      amount: credit.amount,
      raw_amount: credit.raw_amount,
      reference: credit.reference,
      reference_id: credit.reference_id,
      metadata: credit.metadata,
    })),
  }
}

/**
 * The reservations of the lines taken home, at the store's location (Medusa's
 * reserveInventoryStep input): one per inventory item of each line whose
 * variant manages inventory. Endless-aisle lines are not reserved here: each
 * holds its reservation at its node since it was scanned, and it is moved to
 * the order line once the order exists.
 */
export function saleReservations(order: { items: any[] }, cart: { items?: any[] }, locationId: string) {
  const variants = new Map<string, any>()
  for (const item of cart.items ?? []) {
    if (item?.variant) {
      variants.set(item.variant.id, item.variant)
    }
  }
  return {
    items: order.items.flatMap((line) => {
      const variant = variants.get(line.variant_id)
      if (!variant?.manage_inventory || endlessOf(line)) {
        return []
      }
      if (!((variant.inventory_items ?? []) as any[]).filter(Boolean).length) {
        // Medusa's completion refuses it so, before the order (prepareConfirmInventoryInput)
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Variant ${variant.id} does not have any inventory items associated with it.`
        )
      }
      return ((variant.inventory_items ?? []) as any[]).filter(Boolean).map((link) => ({
        id: line.id,
        inventory_item_id: link.inventory_item_id,
        required_quantity: link.required_quantity ?? 1,
        allow_backorder: !!variant.allow_backorder,
        quantity: line.quantity,
        location_ids: [locationId],
      }))
    }),
  }
}

/** The order's links to its cart, its promotions and its payment collection, as Medusa's completion makes them. */
export function saleOrderLinks(cart: any, orderId: string) {
  const links: Record<string, Record<string, string>>[] = [
    { [Modules.ORDER]: { order_id: orderId }, [Modules.CART]: { cart_id: cart.id } },
  ]
  for (const promotion of ((cart.promotions ?? []) as any[]).filter(Boolean)) {
    links.push({ [Modules.ORDER]: { order_id: orderId }, [Modules.PROMOTION]: { promotion_id: promotion.id } })
  }
  if (cart.payment_collection?.id) {
    links.push({
      [Modules.ORDER]: { order_id: orderId },
      [Modules.PAYMENT]: { payment_collection_id: cart.payment_collection.id },
    })
  }
  return links
}

/** The promotions' usage of the cart's adjustments, as Medusa's completion registers it. */
export function salePromotionUsage(cart: any) {
  const adjustments = [
    ...((cart.items ?? []) as any[]).flatMap((item) => item?.adjustments ?? []),
    ...((cart.shipping_methods ?? []) as any[]).flatMap((method) => method?.adjustments ?? []),
  ].filter(Boolean)
  return {
    computedActions: adjustments.map((adjustment) => ({ amount: adjustment.amount, code: adjustment.code })),
    registrationContext: { customer_id: cart.customer_id || null, customer_email: cart.email || null },
  }
}

export const registerSalePromotionUsageStepId = "register-pos-sale-promotion-usage"

/**
 * Counts the sale's use of its promotions (their usage limits and budgets),
 * as Medusa's registerUsageStep does at cart completion (that step is not
 * exported). Compensation gives the usage back.
 */
export const registerSalePromotionUsageStep = createStep(
  registerSalePromotionUsageStepId,
  async (input: ReturnType<typeof salePromotionUsage>, { container }) => {
    if (!input.computedActions.length) {
      return new StepResponse(void 0, null)
    }
    await container.resolve(Modules.PROMOTION).registerUsage(input.computedActions as any, input.registrationContext)
    return new StepResponse(void 0, input)
  },
  async (input, { container }) => {
    if (!input?.computedActions.length) {
      return
    }
    await container.resolve(Modules.PROMOTION).revertUsage(input.computedActions as any, input.registrationContext)
  }
)

export const completeAdoptedSaleOrderStepId = "complete-adopted-pos-sale-order"

/**
 * A cart that has an order already was placed by a completion cut off before
 * it recorded the order on the sale, possibly part-way through the steps that
 * run at once after the order is made. What the order lacks of them is made
 * here: its links to the payment collection and promotions, the cart marked
 * completed, the store's count raised for lines taken home that hold no
 * reservation (returned, for Medusa's reserveInventoryStep); and `order.placed`,
 * which the cut-off run never emitted (a workflow's events go out at its end).
 * The promotions' usage cannot be told apart from other orders' and is not
 * counted again. Nothing here is undone on a later failure: the order stays,
 * as its placement did.
 */
export const completeAdoptedSaleOrderStep = createStep(
  completeAdoptedSaleOrderStepId,
  async (input: { cart: any; order_id: string; sale_id: string; store_id: string; location_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      // "items.*": an order line's quantity is only filled in with all of its fields
      fields: ["id", "items.*", "payment_collections.id", "promotions.id"],
      filters: { id: input.order_id },
    })
    const order = data[0] as any
    if (!order) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${input.order_id} of cart ${input.cart.id} was not found`)
    }
    const linked = new Set([
      ...((order.payment_collections ?? []) as any[]).map((pc) => pc?.id),
      ...((order.promotions ?? []) as any[]).map((p) => p?.id),
    ])
    const missingLinks = saleOrderLinks(input.cart, order.id)
      .slice(1)
      .filter((link) => !linked.has(link[Modules.PAYMENT]?.payment_collection_id ?? link[Modules.PROMOTION]?.promotion_id))
    if (missingLinks.length) {
      await container.resolve(ContainerRegistrationKeys.LINK).create(missingLinks as any)
    }
    if (!input.cart.completed_at) {
      await container.resolve(Modules.CART).updateCarts([{ id: input.cart.id, completed_at: new Date() }])
    }
    const items = ((order.items ?? []) as any[]).filter(Boolean)
    const held = new Set(
      (
        await container
          .resolve(Modules.INVENTORY)
          .listReservationItems({ line_item_id: items.map((i) => i.id) }, { select: ["line_item_id"] })
      ).map((r: any) => r.line_item_id)
    )
    const unreserved = items.filter((i) => !held.has(i.id))
    const reservations = saleReservations({ items: unreserved }, input.cart, input.location_id)
    // the items are in the customer's hands: a count too low here is raised and recorded, as at completion
    const toRaise = new Set(reservations.items.map((r) => r.id))
    const byVariant = new Map<string, number>()
    for (const line of unreserved.filter((i) => toRaise.has(i.id))) {
      byVariant.set(line.variant_id, (byVariant.get(line.variant_id) ?? 0) + MathBN.convert(line.quantity).toNumber())
    }
    const variants = new Map(((input.cart.items ?? []) as any[]).filter((i) => i?.variant).map((i) => [i.variant.id, i.variant]))
    for (const [variant_id, quantity] of byVariant) {
      await raiseStockInHand(container, {
        sale_id: input.sale_id,
        store_id: input.store_id,
        location_id: input.location_id,
        variant_id,
        quantity,
        variant: variants.get(variant_id),
      })
    }
    await container.resolve(Modules.EVENT_BUS).emit({ name: OrderWorkflowEvents.PLACED, data: { id: order.id } })
    // the reservations it lacks, for Medusa's reserveInventoryStep
    return new StepResponse(reservations)
  }
)
