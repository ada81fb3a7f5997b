import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

export type StoreContext = {
  store: {
    id: string
    name: string
    code: string
    status: string
    currency_code: string
    latitude: number | null
    longitude: number | null
    capabilities: Record<string, boolean>
    address: {
      address_1: string | null
      city: string | null
      province: string | null
      postal_code: string | null
      country_code: string | null
    }
  }
  location_id: string
  sales_channel_id: string
  region_id: string
  pickup_shipping_option_id: string | null
}

/** Tax regions key provinces by ISO 3166-2 ("us-il"); store addresses often say "IL". */
export function isoProvince(country: string | null, province: string | null): string | undefined {
  if (!province) {
    return undefined
  }
  const lower = province.toLowerCase()
  return lower.includes("-") || !country ? lower : `${country.toLowerCase()}-${lower}`
}

/**
 * What selling at a store needs from Medusa: its location, POS channel, the
 * region whose currency the counter uses (the one covering the store's country
 * first), and its pickup shipping option.
 */
/**
 * The region a store's till sells in: of the regions in the store's currency
 * (and ordered by id, so every server picks the same one), the one holding
 * the store's country, else the first. The go-live check prices variants
 * against the same region (src/workflows/readiness/utils/check-readiness.ts).
 */
export function tillRegion<R extends { id: string; countries?: ({ iso_2?: string | null } | null)[] | null }>(
  regionsInCurrency: R[],
  countryCode: string | null | undefined
): R | undefined {
  const sorted = [...regionsInCurrency].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const country = countryCode?.toLowerCase()
  return sorted.find((r) => r.countries?.some((c) => c?.iso_2?.toLowerCase() === country)) ?? sorted[0]
}

export async function loadStoreContext(container: MedusaContainer, storeId: string): Promise<StoreContext> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: stores } = await query.graph({
    entity: "pos_store",
    fields: [
      "id",
      "name",
      "code",
      "status",
      "currency_code",
      "latitude",
      "longitude",
      "capabilities",
      "address_1",
      "city",
      "province",
      "postal_code",
      "country_code",
      "stock_location.id",
      "stock_location.fulfillment_sets.type",
      "stock_location.fulfillment_sets.service_zones.shipping_options.id",
      "sales_channel.id",
    ],
    filters: { id: storeId },
  })
  const store = stores[0] as any
  if (!store) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Store ${storeId} was not found`)
  }
  const { data: regions } = await query.graph({
    entity: "region",
    fields: ["id", "currency_code", "countries.iso_2"],
    filters: { currency_code: store.currency_code },
  })
  const region = tillRegion(regions as any[], store.country_code)
  if (!region) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `No region sells in ${String(store.currency_code).toUpperCase()}, the currency of store ${storeId}; create one first`
    )
  }
  const pickupOption = (store.stock_location?.fulfillment_sets ?? [])
    .filter((set: any) => set?.type === "pickup")
    .flatMap((set: any) => set.service_zones ?? [])
    .flatMap((zone: any) => zone?.shipping_options ?? [])[0]

  return {
    store: {
      id: store.id,
      name: store.name,
      code: store.code,
      status: store.status,
      currency_code: store.currency_code,
      latitude: store.latitude,
      longitude: store.longitude,
      capabilities: store.capabilities ?? {},
      address: {
        address_1: store.address_1,
        city: store.city,
        province: store.province,
        postal_code: store.postal_code,
        country_code: store.country_code,
      },
    },
    location_id: store.stock_location?.id,
    sales_channel_id: store.sales_channel?.id,
    region_id: region.id,
    pickup_shipping_option_id: pickupOption?.id ?? null,
  }
}

/** Just the store's stock location: all a scan or a line change needs. */
export async function loadStoreLocationId(container: MedusaContainer, storeId: string): Promise<string> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "pos_store", fields: ["stock_location.id"], filters: { id: storeId } })
  const locationId = (data[0] as any)?.stock_location?.id
  if (!locationId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Store ${storeId} has no stock location`)
  }
  return locationId
}
