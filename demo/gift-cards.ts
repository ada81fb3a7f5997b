import type { ExecArgs } from "@medusajs/framework/types"
import { Modules, ProductStatus } from "@medusajs/framework/utils"
import { createProductsWorkflow } from "@medusajs/medusa/core-flows"

/** The demo's gift card product: sold in the webshop and at every till; Medusa's loyalty plugin issues the cards. */
export const GIFT_CARD_PRODUCT = {
  title: "Northwind Gift Card",
  handle: "northwind-gift-card",
  /** value (USD) → SKU and barcode, scanned or typed at a till */
  values: [
    { usd: 25, sku: "NW-GIFT-25", barcode: "2000990000255" },
    { usd: 50, sku: "NW-GIFT-50", barcode: "2000990000507" },
    { usd: 100, sku: "NW-GIFT-100", barcode: "2000990001009" },
  ],
}

/**
 * Adds the gift card product once (idempotent), in every sales channel (the webshop's and each
 * shop's): a gift card product (`is_giftcard`), with no stock to count. Kept apart from the catalogue
 * of the demo seed, whose thirty products the tests count.
 */
export async function seedGiftCardProduct(container: ExecArgs["container"]) {
  const products = container.resolve(Modules.PRODUCT)
  const [existing] = await products.listProducts({ handle: GIFT_CARD_PRODUCT.handle }, { select: ["id"] })
  if (existing) {
    return existing.id
  }
  const channels = await container.resolve(Modules.SALES_CHANNEL).listSalesChannels({}, { select: ["id"] })
  const [profile] = await container.resolve(Modules.FULFILLMENT).listShippingProfiles({ type: "default" }, { select: ["id"] })
  const { result } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: GIFT_CARD_PRODUCT.title,
          handle: GIFT_CARD_PRODUCT.handle,
          description: "A gift card for any Northwind shop or the webshop. The code is on the receipt.",
          is_giftcard: true,
          discountable: false,
          status: ProductStatus.PUBLISHED,
          shipping_profile_id: profile?.id,
          options: [{ title: "Value", values: GIFT_CARD_PRODUCT.values.map((v) => String(v.usd)) }],
          variants: GIFT_CARD_PRODUCT.values.map((v) => ({
            title: `$${v.usd}`,
            sku: v.sku,
            barcode: v.barcode,
            manage_inventory: false,
            options: { Value: String(v.usd) },
            prices: [
              { currency_code: "usd", amount: v.usd },
              { currency_code: "cad", amount: Math.round(v.usd * 1.35) },
            ],
          })),
          sales_channels: channels.map((c) => ({ id: c.id })),
        },
      ],
    },
  })
  return result[0].id
}
