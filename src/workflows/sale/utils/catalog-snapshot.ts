import type { ITaxModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, QueryContext } from "@medusajs/framework/utils"
import { roundToCurrency } from "../../utils/money"
import { isoProvince, type StoreContext } from "./store-context"

/** One sellable variant as a till keeps it for selling offline. */
export type CatalogVariant = {
  id: string
  sku: string | null
  barcode: string | null
  ean: string | null
  upc: string | null
  title: string
  product_title: string
  /** the price at this store (its region, currency and price lists), or null when it has none */
  price: number | null
  /** the sum of the tax rates Medusa applies to it at the store's address, in percent */
  tax_rate: number
  /** the price includes that tax (a tax-inclusive price list or currency) */
  tax_inclusive: boolean
}

export type CatalogPage = {
  /** send it back as `since` to get only what changed after this page was read */
  version: string
  variants: CatalogVariant[]
  /** variants no longer sellable since `since` (deleted, or their product unpublished) */
  removed: string[]
  /** the cursor of the next page (`after`), or null on the last */
  next: string | null
}

/**
 * The store's sellable catalogue, a page at a time, for the POS page to look
 * items up without the network: the variants of published products (what a
 * scan at the till finds), priced as Medusa prices them for the store's region and currency,
 * with the tax rate Medusa's tax module gives at the store's address. Paged by
 * variant id. With `since` (an earlier answer's `version`), only variants whose
 * product, variant or prices changed after it, and the ids of those removed.
 */
export async function catalogPage(
  container: MedusaContainer,
  context: StoreContext,
  input: { after?: string; limit: number; since?: Date }
): Promise<CatalogPage> {
  const version = new Date().toISOString()
  const product = container.resolve(Modules.PRODUCT)

  let candidateIds: string[] | undefined
  const removed: string[] = []
  if (input.since) {
    candidateIds = await changedVariantIds(container, input.since)
    if (!candidateIds.length) {
      return { version, variants: [], removed: [], next: null }
    }
  }

  const filters: Record<string, unknown> = input.after ? { id: { $gt: input.after } } : {}
  if (candidateIds) {
    filters.id = input.after ? { $in: candidateIds, $gt: input.after } : candidateIds
  }
  const page = await product.listProductVariants(filters as any, {
    select: ["id", "sku", "barcode", "ean", "upc", "title", "product_id", "product.title", "product.status", "product.type_id"],
    relations: ["product"],
    order: { id: "ASC" },
    take: input.limit + 1,
  })
  const more = page.length > input.limit
  const rows = page.slice(0, input.limit)
  const sellable = rows.filter((v: any) => v.product?.status === "published")

  if (candidateIds) {
    // a changed variant that is no longer sellable: deleted, or its product unpublished
    const kept = new Set(sellable.map((v) => v.id))
    const pageEnd = more ? rows[rows.length - 1].id : undefined
    removed.push(
      ...candidateIds.filter(
        (id) => !kept.has(id) && (!input.after || id > input.after) && (!pageEnd || id <= pageEnd)
      )
    )
  }

  const prices = await pricesOf(container, context, sellable.map((v) => v.id))
  const rates = await taxRatesOf(container, context, sellable as any[], prices)
  return {
    version,
    variants: sellable.map((v: any) => ({
      id: v.id,
      sku: v.sku ?? null,
      barcode: v.barcode ?? null,
      ean: v.ean ?? null,
      upc: v.upc ?? null,
      title: v.title,
      product_title: v.product?.title ?? "",
      price: prices.get(v.id)?.amount ?? null,
      tax_rate: rates.get(v.id) ?? 0,
      tax_inclusive: prices.get(v.id)?.tax_inclusive ?? false,
    })),
    removed,
    next: more ? rows[rows.length - 1].id : null,
  }
}

/** Variants whose variant or product row, or whose prices, changed after `since`, deleted ones included. */
async function changedVariantIds(container: MedusaContainer, since: Date): Promise<string[]> {
  const product = container.resolve(Modules.PRODUCT)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const after = { $gt: since }
  const [variants, deleted, products] = await Promise.all([
    product.listProductVariants({ updated_at: after } as any, { select: ["id"] }),
    product.listProductVariants({ deleted_at: after } as any, { select: ["id"], withDeleted: true }),
    product.listProducts({ updated_at: after } as any, { select: ["id"] }),
  ])
  const ofProducts = products.length
    ? await product.listProductVariants({ product_id: products.map((p) => p.id) } as any, { select: ["id"], withDeleted: true })
    : []
  const prices = await container.resolve(Modules.PRICING).listPrices({ updated_at: after } as any, { select: ["price_set_id"] })
  const priceSets = [...new Set(prices.map((p: any) => p.price_set_id).filter(Boolean))]
  const { data: priced } = priceSets.length
    ? await query.graph({ entity: "product_variant_price_set", fields: ["variant_id"], filters: { price_set_id: priceSets } })
    : { data: [] }
  return [
    ...new Set([
      ...variants.map((v) => v.id),
      ...deleted.map((v) => v.id),
      ...ofProducts.map((v) => v.id),
      ...(priced as any[]).map((row) => row.variant_id as string),
    ]),
  ].sort()
}

type Price = { amount: number; tax_inclusive: boolean }

async function pricesOf(container: MedusaContainer, context: StoreContext, ids: string[]): Promise<Map<string, Price>> {
  if (!ids.length) {
    return new Map()
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "calculated_price.calculated_amount", "calculated_price.is_calculated_price_tax_inclusive"],
    filters: { id: ids },
    context: {
      calculated_price: QueryContext({ region_id: context.region_id, currency_code: context.store.currency_code }),
    },
  })
  const prices = new Map<string, Price>()
  for (const variant of data as any[]) {
    const amount = variant.calculated_price?.calculated_amount
    if (amount != null) {
      prices.set(variant.id, {
        amount: roundToCurrency(amount, context.store.currency_code),
        tax_inclusive: !!variant.calculated_price?.is_calculated_price_tax_inclusive,
      })
    }
  }
  return prices
}

/** The rate Medusa's tax module applies to each variant at the store's address (all its tax lines summed). */
async function taxRatesOf(
  container: MedusaContainer,
  context: StoreContext,
  variants: { id: string; product_id: string; product?: { type_id?: string | null } }[],
  prices: Map<string, Price>
): Promise<Map<string, number>> {
  const address = context.store.address
  if (!variants.length || !address.country_code) {
    return new Map()
  }
  const tax: ITaxModuleService = container.resolve(Modules.TAX)
  const lines = await tax.getTaxLines(
    variants.map((v) => ({
      id: v.id,
      product_id: v.product_id,
      product_type_id: v.product?.type_id ?? undefined,
      quantity: 1,
      unit_price: prices.get(v.id)?.amount ?? 0,
      currency_code: context.store.currency_code,
    })) as any,
    {
      address: {
        country_code: address.country_code,
        province_code: isoProvince(address.country_code, address.province),
        postal_code: address.postal_code ?? undefined,
        address_1: address.address_1 ?? undefined,
        city: address.city ?? undefined,
      },
    } as any
  )
  const rates = new Map<string, number>()
  for (const line of lines as any[]) {
    const id = line.line_item_id as string
    rates.set(id, (rates.get(id) ?? 0) + Number(line.rate ?? 0))
  }
  return rates
}
