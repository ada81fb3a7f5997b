import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules, QueryContext } from "@medusajs/framework/utils"
import { checkGtin } from "../../../lib/barcode"
import { distanceKm } from "../../../lib/geo"
import type { StoreContext } from "./store-context"

export type NodeStock = {
  location_id: string
  name: string
  kind: "store" | "warehouse"
  store_id: string | null
  available: number
  distance_km: number | null
}

export type VariantView = {
  id: string
  title: string
  sku: string | null
  barcode: string | null
  product: { id: string; title: string; thumbnail: string | null }
  price: { amount: number; original_amount: number; currency_code: string; price_list_id: string | null } | null
  stock: { here: number; elsewhere: NodeStock[]; elsewhere_total: number }
}

export type LookupInput = { code?: string; q?: string; variant_ids?: string[]; limit?: number }

export type LookupResult = {
  variants: VariantView[]
  /** set when the code looks like a barcode whose check digit is wrong */
  barcode_warning?: string
}

const VARIANT_FIELDS = [
  "id",
  "title",
  "sku",
  "barcode",
  "ean",
  "upc",
  "product.id",
  "product.title",
  "product.thumbnail",
  "calculated_price.*",
  "inventory_items.inventory.location_levels.location_id",
  "inventory_items.inventory.location_levels.stocked_quantity",
  "inventory_items.inventory.location_levels.reserved_quantity",
]

/**
 * The variant a scanned code (barcode, EAN, UPC or SKU) names, with one light
 * query: what a scan needs before the cart prices it. `barcode_warning` as in findVariants.
 */
export async function resolveScannedVariant(
  container: MedusaContainer,
  code: string
): Promise<{ variant_id: string | null; barcode_warning?: string }> {
  const trimmed = code.trim()
  // the product module itself: one query (a paginated query.graph also counts)
  const [variant] = await container
    .resolve(Modules.PRODUCT)
    .listProductVariants({ $or: [{ sku: trimmed }, { barcode: trimmed }, { ean: trimmed }, { upc: trimmed }] } as any, {
      select: ["id"],
      take: 1,
    })
  const warning = barcodeWarning(trimmed)
  return { variant_id: variant?.id ?? null, ...(warning ? { barcode_warning: warning } : {}) }
}

function barcodeWarning(code: string): string | undefined {
  if (!/^\d{8,14}$/.test(code)) {
    return undefined
  }
  const verdict = checkGtin(code)
  return verdict.valid ? undefined : `Barcode ${code} looks misread: ${verdict.reason}`
}

/**
 * Variants by scanned code (barcode, EAN, UPC or SKU), by text, or by id, with
 * the price that applies at this store (its region and currency, price lists
 * as Medusa computes them) and the stock here and at every other node.
 */
export async function findVariants(
  container: MedusaContainer,
  context: StoreContext,
  input: LookupInput
): Promise<LookupResult> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  let barcode_warning: string | undefined
  let filters: Record<string, unknown>

  if (input.variant_ids) {
    filters = { id: input.variant_ids }
  } else if (input.code) {
    const code = input.code.trim()
    barcode_warning = barcodeWarning(code)
    filters = { $or: [{ sku: code }, { barcode: code }, { ean: code }, { upc: code }] }
  } else {
    const { data: products } = await query.graph({
      entity: "product",
      fields: ["id"],
      filters: { q: input.q },
      pagination: { take: input.limit ?? 20, skip: 0 },
    })
    const { data: bySku } = await query.graph({
      entity: "product_variant",
      fields: ["id"],
      filters: { sku: { $ilike: `%${input.q}%` } },
      pagination: { take: input.limit ?? 20, skip: 0 },
    })
    filters = {
      $or: [{ product_id: products.map((p: any) => p.id) }, { id: bySku.map((v: any) => v.id) }],
    }
  }

  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: VARIANT_FIELDS,
    filters: filters as any,
    pagination: { take: input.limit ?? 20, skip: 0 },
    context: {
      calculated_price: QueryContext({ region_id: context.region_id, currency_code: context.store.currency_code }),
    },
  })

  const nodes = await loadNodes(container, context)
  return {
    variants: variants.map((variant: any) => toView(variant, context, nodes)),
    ...(barcode_warning ? { barcode_warning } : {}),
  }
}

type NodeInfo = Omit<NodeStock, "available">

async function loadNodes(container: MedusaContainer, context: StoreContext): Promise<Map<string, NodeInfo>> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: locations }, { data: stores }] = await Promise.all([
    query.graph({ entity: "stock_location", fields: ["id", "name", "metadata"] }),
    query.graph({ entity: "pos_store", fields: ["id", "name", "status", "latitude", "longitude", "stock_location.id"] }),
  ])
  const here =
    context.store.latitude != null && context.store.longitude != null
      ? { latitude: context.store.latitude, longitude: context.store.longitude }
      : null
  const storeByLocation = new Map(stores.map((s: any) => [s.stock_location?.id, s]))
  const nodes = new Map<string, NodeInfo>()
  for (const location of locations as any[]) {
    const store = storeByLocation.get(location.id) as any
    if (!store && location.metadata?.sellable === false) {
      // returns held for refurbishing or in quarantine: not stock anyone can be sold from
      continue
    }
    const point = store
      ? { latitude: store.latitude, longitude: store.longitude }
      : { latitude: location.metadata?.latitude, longitude: location.metadata?.longitude }
    nodes.set(location.id, {
      location_id: location.id,
      name: store?.name ?? location.name,
      kind: store ? "store" : "warehouse",
      store_id: store?.id ?? null,
      distance_km:
        here && typeof point.latitude === "number" && typeof point.longitude === "number"
          ? distanceKm(here, point as { latitude: number; longitude: number })
          : null,
    })
  }
  return nodes
}

function toView(variant: any, context: StoreContext, nodes: Map<string, NodeInfo>): VariantView {
  const levels = ((variant.inventory_items?.[0]?.inventory?.location_levels ?? []) as any[]).map((level) => ({
    location_id: level.location_id as string,
    available: availableAt(level),
  }))
  const here = levels.find((level) => level.location_id === context.location_id)
  const elsewhere = levels
    .filter((level) => level.location_id !== context.location_id && level.available > 0)
    .map((level) => ({ ...nodes.get(level.location_id)!, available: level.available }))
    .filter((node) => node.location_id)
    .sort((a, b) => (a.distance_km ?? Infinity) - (b.distance_km ?? Infinity))
  const price = variant.calculated_price
  return {
    id: variant.id,
    title: variant.title,
    sku: variant.sku,
    barcode: variant.barcode ?? variant.ean ?? variant.upc ?? null,
    product: { id: variant.product?.id, title: variant.product?.title, thumbnail: variant.product?.thumbnail ?? null },
    price: price
      ? {
          amount: Number(price.calculated_amount),
          original_amount: Number(price.original_amount),
          currency_code: price.currency_code,
          price_list_id: price.calculated_price?.price_list_id ?? null,
        }
      : null,
    stock: {
      here: here?.available ?? 0,
      elsewhere,
      elsewhere_total: elsewhere.reduce((sum, node) => sum + node.available, 0),
    },
  }
}

/** A variant's inventory items with their levels everywhere: what stock checks and sourcing read. */
export const VARIANT_STOCK_FIELDS = [
  "id",
  "manage_inventory",
  "inventory_items.inventory_item_id",
  "inventory_items.required_quantity",
  "inventory_items.inventory.location_levels.location_id",
  "inventory_items.inventory.location_levels.stocked_quantity",
  "inventory_items.inventory.location_levels.reserved_quantity",
]

/** What a location can still promise: stocked minus reserved. */
export function availableAt(level: { stocked_quantity?: unknown; reserved_quantity?: unknown }): number {
  return MathBN.sub(MathBN.convert((level.stocked_quantity ?? 0) as any), MathBN.convert((level.reserved_quantity ?? 0) as any)).toNumber()
}
