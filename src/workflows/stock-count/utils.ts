import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { StockCountStatus } from "../../modules/pos/models/stock-count"

type Container = Pick<MedusaContainer, "resolve">

/** At most this many SKUs in one count: a shelf or a category, not the whole shop. */
export const MAX_COUNT_LINES = 500

export type CountScope = { kind: "skus"; codes: string[] } | { kind: "category"; category_id: string } | { kind: "shelf" }

/** What a count line starts as: a variant with its inventory item, not yet counted. */
export type CountItem = { variant_id: string; inventory_item_id: string; sku: string | null; title: string }

const VARIANT_FIELDS = ["id", "sku", "title", "manage_inventory", "product.title", "inventory_items.inventory_item_id"]

function toItems(variants: any[]): CountItem[] {
  return variants
    .filter((v) => v?.manage_inventory && v.inventory_items?.[0]?.inventory_item_id)
    .map((v) => ({
      variant_id: v.id as string,
      // a count line is one inventory item (a bundle's parts are counted by their own SKUs)
      inventory_item_id: v.inventory_items[0].inventory_item_id as string,
      sku: (v.sku as string | null) ?? null,
      title: [v.product?.title, v.title].filter(Boolean).join(" · "),
    }))
}

/** The variants scanned codes (SKU, barcode, EAN, UPC) name; unknown codes are refused together, by name. */
export async function itemsForCodes(container: Container, codes: string[]): Promise<Map<string, CountItem>> {
  const wanted = [...new Set(codes.map((c) => c.trim()).filter(Boolean))]
  if (!wanted.length) {
    return new Map()
  }
  const found = (await container
    .resolve(Modules.PRODUCT)
    .listProductVariants({ $or: [{ sku: wanted }, { barcode: wanted }, { ean: wanted }, { upc: wanted }] } as any, {
      select: ["id", "sku", "barcode", "ean", "upc"],
      take: wanted.length * 4,
    })) as any[]
  const byCode = new Map<string, string>()
  for (const v of found) {
    for (const key of [v.sku, v.barcode, v.ean, v.upc]) {
      if (key && wanted.includes(key) && !byCode.has(key)) {
        byCode.set(key, v.id)
      }
    }
  }
  const unknown = wanted.filter((c) => !byCode.has(c))
  if (unknown.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `No product has the code ${unknown.slice(0, 10).join(", ")}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ""}`)
  }
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({ entity: "product_variant", fields: VARIANT_FIELDS, filters: { id: [...new Set(byCode.values())] } })
  const items = new Map(toItems(data as any[]).map((i) => [i.variant_id, i]))
  const result = new Map<string, CountItem>()
  for (const [code, variantId] of byCode) {
    const item = items.get(variantId)
    if (!item) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `${code} does not keep stock (its inventory is not managed): there is nothing to count`)
    }
    result.set(code, item)
  }
  return result
}

/** The lines a new count starts with: the SKUs listed, every SKU of a category, or none for a shelf (filled by scanning). */
export async function itemsForScope(container: Container, scope: CountScope): Promise<CountItem[]> {
  if (scope.kind === "shelf") {
    return []
  }
  let items: CountItem[]
  if (scope.kind === "skus") {
    items = [...(await itemsForCodes(container, scope.codes)).values()]
  } else {
    const [category] = await container.resolve(Modules.PRODUCT).listProductCategories({ id: scope.category_id }, { select: ["id"] })
    if (!category) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Category ${scope.category_id} was not found`)
    }
    // the product module filters by category (query.graph does not filter through the relation)
    const products = (await container
      .resolve(Modules.PRODUCT)
      .listProducts({ categories: { id: [scope.category_id] } } as any, { select: ["id"], take: MAX_COUNT_LINES + 1 })) as any[]
    const { data } = products.length
      ? await container
          .resolve(ContainerRegistrationKeys.QUERY)
          .graph({ entity: "product_variant", fields: VARIANT_FIELDS, filters: { product_id: products.map((p) => p.id) } as any })
      : { data: [] }
    items = toItems(data as any[])
  }
  const unique = [...new Map(items.map((i) => [i.variant_id, i])).values()]
  if (unique.length > MAX_COUNT_LINES) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `A count has at most ${MAX_COUNT_LINES} SKUs; this one would have ${unique.length}: count a smaller part`)
  }
  return unique
}

/**
 * A count as staff see it: while it is being counted (open, or waiting for a manager) the lines
 * carry no expected number, so the count stays blind; once applied, expected and corrected too.
 */
export function staffCount(count: any, lines: any[]) {
  const blind = count.status === StockCountStatus.OPEN || count.status === StockCountStatus.PENDING_APPROVAL
  return {
    ...count,
    lines: lines.map(({ expected, corrected, ...line }) => (blind ? line : { ...line, expected, corrected })),
  }
}

/** A count may not take a level below what is reserved at it: those units are on the shelf (or the bench) for orders. */
export function belowReservedError(line: { sku?: string | null; title: string }, counted: number, reserved: number) {
  return new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `${line.sku ?? line.title}: ${counted} counted, but ${reserved} are reserved here for orders not picked yet: count those units too, or short-pick the orders first`
  )
}
