/**
 * What a store takes part in. Each is a per-store pilot switch: a retailer can
 * turn curbside on in one shop and leave it off in the others.
 */
export const STORE_CAPABILITIES = ["sell", "pickup", "curbside", "ship_from_store", "returns"] as const

export type StoreCapability = (typeof STORE_CAPABILITIES)[number]
export type StoreCapabilities = Record<StoreCapability, boolean>

/** A new store sells, hands over pickups and takes returns; curbside and ship-from-store are opt-in. */
export const DEFAULT_STORE_CAPABILITIES: StoreCapabilities = {
  sell: true,
  pickup: true,
  curbside: false,
  ship_from_store: false,
  returns: true,
}

export function withDefaultCapabilities(
  current: Partial<StoreCapabilities> | null | undefined,
  changes: Partial<StoreCapabilities> = {}
): StoreCapabilities {
  return { ...DEFAULT_STORE_CAPABILITIES, ...(current ?? {}), ...changes }
}

/** Opening periods per weekday (`mon` … `sun`), "HH:MM" in the store's time zone; a missing day is closed. */
export type OpeningHours = Partial<Record<string, [string, string][] | undefined>>
