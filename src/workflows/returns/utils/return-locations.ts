import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStockLocationsWorkflow } from "@medusajs/medusa/core-flows"
import type { Disposition } from "../../../lib/returns/policy"
import { POS_MODULE } from "../../../modules/pos"
import { StoreStatus } from "../../../modules/pos/models/store"
import type PosModuleService from "../../../modules/pos/service"

export type ReturnStore = {
  id: string
  name: string
  code: string
  status: string
  capabilities: Record<string, boolean> | null
  location_id: string
  refurbish_location_id: string | null
  quarantine_location_id: string | null
}

/** The store taking a return, with its sellable location; 400 when it takes no returns. */
export async function loadReturnStore(container: MedusaContainer, storeId: string): Promise<ReturnStore> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "pos_store",
    fields: ["id", "name", "code", "status", "capabilities", "refurbish_location_id", "quarantine_location_id", "stock_location.id"],
    filters: { id: storeId },
  })
  const store = data[0] as any
  if (!store) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Store ${storeId} was not found`)
  }
  if (store.status !== StoreStatus.ACTIVE || store.capabilities?.returns === false) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Store ${store.code} does not take returns (${store.status !== StoreStatus.ACTIVE ? "the store is disabled" : "returns are switched off for it"})`
    )
  }
  if (!store.stock_location?.id) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Store ${store.code} has no stock location to receive returns at`)
  }
  return { ...store, location_id: store.stock_location.id }
}

const FIELD: Record<Exclude<Disposition, "resellable">, "refurbish_location_id" | "quarantine_location_id"> = {
  refurbish: "refurbish_location_id",
  quarantine: "quarantine_location_id",
}

/**
 * The location a disposition puts stock at: resellable → the store's own
 * (sellable) location; refurbish and quarantine → the store's non-sellable
 * location for it, made on first use. Those are stock locations linked to no
 * sales channel and marked `sellable: false`, so no cart, routing decision or
 * endless-aisle sale takes stock from them.
 */
export async function dispositionLocation(container: MedusaContainer, store: ReturnStore, disposition: Disposition) {
  if (disposition === "resellable") {
    return store.location_id
  }
  const field = FIELD[disposition]
  if (store[field]) {
    return store[field]!
  }
  const pos: PosModuleService = container.resolve(POS_MODULE)
  return await container.resolve(Modules.LOCKING).execute(`pos:store-return-locations:${store.id}`, async () => {
    const current = await pos.retrievePosStore(store.id, { select: ["id", field] })
    if (current[field]) {
      return (store[field] = current[field] as string)
    }
    const { result } = await createStockLocationsWorkflow(container).run({
      input: {
        locations: [
          {
            name: `${store.name} · ${disposition === "refurbish" ? "Refurbish" : "Quarantine"} (not for sale)`,
            metadata: { sellable: false, pos_store_id: store.id, pos_disposition: disposition },
          },
        ],
      },
    })
    await pos.updatePosStores({ id: store.id, [field]: result[0].id })
    return (store[field] = result[0].id)
  })
}

/**
 * Medusa receives a return only where the items have an inventory level:
 * an item this store never stocked gets an empty level first (under the
 * inventory item's lock, so two returns do not both create it).
 */
export async function ensureInventoryLevels(container: MedusaContainer, pairs: { inventory_item_id: string; location_id: string }[]) {
  if (!pairs.length) {
    return
  }
  const inventory = container.resolve(Modules.INVENTORY)
  const itemIds = [...new Set(pairs.map((p) => p.inventory_item_id))]
  await container.resolve(Modules.LOCKING).execute(itemIds, async () => {
    const existing = await inventory.listInventoryLevels({ inventory_item_id: itemIds }, { select: ["inventory_item_id", "location_id"] })
    const have = new Set(existing.map((l: any) => `${l.inventory_item_id}|${l.location_id}`))
    const missing = [...new Map(pairs.map((p) => [`${p.inventory_item_id}|${p.location_id}`, p])).entries()]
      .filter(([key]) => !have.has(key))
      .map(([, p]) => ({ inventory_item_id: p.inventory_item_id, location_id: p.location_id, stocked_quantity: 0 }))
    if (missing.length) {
      await inventory.createInventoryLevels(missing)
    }
  })
}
