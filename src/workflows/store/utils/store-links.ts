/** The fields of a store's core records that the store workflows keep in sync. */
export const STORE_LINK_FIELDS = [
  "id",
  "name",
  "code",
  "status",
  "capabilities",
  "stock_location.id",
  "sales_channel.id",
  "stock_location.sales_channels.id",
  "stock_location.fulfillment_sets.id",
  "stock_location.fulfillment_sets.type",
  "stock_location.fulfillment_sets.service_zones.shipping_options.id",
]

type StoreWithLinks = {
  stock_location?: {
    id: string
    fulfillment_sets?: ({ type: string; service_zones?: ({ shipping_options?: ({ id: string } | null)[] } | null)[] } | null)[]
  } | null
  sales_channel?: { id: string } | null
}

/** The store's pickup shipping options: those of its location's `pickup` fulfillment sets. */
export function pickupShippingOptionIds(store: StoreWithLinks): string[] {
  return (store.stock_location?.fulfillment_sets ?? [])
    .filter((set) => set?.type === "pickup")
    .flatMap((set) => set!.service_zones ?? [])
    .flatMap((zone) => zone?.shipping_options ?? [])
    .map((option) => option!.id)
}
