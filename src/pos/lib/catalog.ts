import type { Api } from "./api"
import { done, transact } from "./idb"

/** A variant as the till keeps it (GET /terminal/stores/:id/catalog). */
export type CatalogVariant = {
  id: string
  sku: string | null
  barcode: string | null
  ean: string | null
  upc: string | null
  title: string
  product_title: string
  price: number | null
  tax_rate: number
  /** the price includes the tax */
  tax_inclusive?: boolean
}

type CatalogRow = { key: string; store_id: string; codes: string[]; variant: CatalogVariant }
type CatalogMeta = { key: string; version: string; refreshed_at: string; count: number }

const rowKey = (storeId: string, id: string) => `${storeId}:${id}`
const codeKey = (storeId: string, code: string) => `${storeId}:${code.trim().toLowerCase()}`

function toRow(storeId: string, variant: CatalogVariant): CatalogRow {
  const codes = [variant.barcode, variant.sku, variant.ean, variant.upc]
    .filter((c): c is string => !!c)
    .map((c) => codeKey(storeId, c))
  return { key: rowKey(storeId, variant.id), store_id: storeId, codes: [...new Set(codes)], variant }
}

/**
 * The store's sellable catalogue on the device, for looking items up offline:
 * by barcode, SKU, EAN or UPC (any case), or by words of the title.
 */
export class Catalog {
  constructor(private readonly db: IDBDatabase) {}

  async byCode(storeId: string, code: string): Promise<CatalogVariant | null> {
    const row: CatalogRow | undefined = await transact(this.db, "catalog", "readonly", (tx) =>
      done(tx.objectStore("catalog").index("code").get(codeKey(storeId, code)))
    )
    return row?.variant ?? null
  }

  async search(storeId: string, text: string, limit = 20): Promise<CatalogVariant[]> {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean)
    const rows: CatalogRow[] = await transact(this.db, "catalog", "readonly", (tx) =>
      done(tx.objectStore("catalog").index("store").getAll(storeId))
    )
    return rows
      .map((r) => r.variant)
      .filter((v) => {
        const hay = `${v.product_title} ${v.title} ${v.sku ?? ""}`.toLowerCase()
        return words.every((w) => hay.includes(w))
      })
      .slice(0, limit)
  }

  async meta(storeId: string): Promise<CatalogMeta | null> {
    return (await transact(this.db, "meta", "readonly", (tx) => done(tx.objectStore("meta").get(`catalog:${storeId}`)))) ?? null
  }

  /** Writes one page: its variants replace what the device had for them; removed ones go. */
  async apply(storeId: string, variants: CatalogVariant[], removed: string[]) {
    await transact(this.db, "catalog", "readwrite", async (tx) => {
      const store = tx.objectStore("catalog")
      for (const variant of variants) await done(store.put(toRow(storeId, variant)))
      for (const id of removed) await done(store.delete(rowKey(storeId, id)))
    })
  }

  async count(storeId: string): Promise<number> {
    return transact(this.db, "catalog", "readonly", (tx) => done(tx.objectStore("catalog").index("store").count(storeId)))
  }

  async setMeta(storeId: string, version: string) {
    const count = await this.count(storeId)
    await transact(this.db, "meta", "readwrite", async (tx) => {
      await done(tx.objectStore("meta").put({ key: `catalog:${storeId}`, version, refreshed_at: new Date().toISOString(), count }))
    })
  }

  /**
   * Brings the device's copy up to date: everything the first time, then only
   * what changed since the version of the last complete refresh. The version
   * moves only when every page was written, so an interrupted refresh is
   * simply done again.
   */
  async refresh(api: Api, storeId: string): Promise<{ changed: number; removed: number }> {
    const meta = await this.meta(storeId)
    let after: string | null = null
    let version: string | null = null
    let changed = 0
    let removedCount = 0
    do {
      const params = new URLSearchParams({ limit: "500" })
      if (after) params.set("after", after)
      if (meta?.version) params.set("since", meta.version)
      const page: { version: string; variants: CatalogVariant[]; removed: string[]; next: string | null } = await api.get(
        `/terminal/stores/${storeId}/catalog?${params}`
      )
      version ??= page.version
      await this.apply(storeId, page.variants, page.removed)
      changed += page.variants.length
      removedCount += page.removed.length
      after = page.next
    } while (after)
    await this.setMeta(storeId, version!)
    return { changed, removed: removedCount }
  }
}
