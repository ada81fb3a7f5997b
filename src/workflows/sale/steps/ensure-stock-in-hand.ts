import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { endlessOf } from "../utils/endless-aisle"
import { availableAt, VARIANT_STOCK_FIELDS } from "../utils/find-variants"

export const ensureStockInHandStepId = "ensure-pos-stock-in-hand"

export type EnsureStockInHandInput = {
  sale_id: string
  store_id: string
  location_id: string
  variant_id: string
  /** the quantity of the variant the cart will hold after this change */
  quantity: number
  /** the variant with VARIANT_STOCK_FIELDS, when the caller has read it already */
  variant?: Record<string, any>
}

type Raise = { discrepancy_id: string; inventory_item_id: string; location_id: string; quantity: number; created_level: boolean }

async function readVariantStock(container: { resolve: (key: string) => any }, variantId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "product_variant", fields: VARIANT_STOCK_FIELDS, filters: { id: variantId } })
  return data[0] as any
}

/**
 * An item the customer holds at the counter is never refused because the
 * system counts too few here: the store's level is raised by the shortfall,
 * so Medusa's own inventory checks pass, and the discrepancy is recorded.
 */
/**
 * Raises the store's level of one variant to the quantity in hand; returns what it raised. Under
 * the inventory items' locks (the keys Medusa's own stock moves take): the inventory module's
 * adjustment reads the level and writes the sum, so two at once would lose one.
 */
export async function raiseStockInHand(container: { resolve: (key: string) => any }, input: EnsureStockInHandInput): Promise<Raise[]> {
  const variant = input.variant ?? (await readVariantStock(container, input.variant_id))
  if (!variant) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Variant ${input.variant_id} was not found`)
  }
  if (!variant.manage_inventory) {
    return []
  }
  const keys = [...new Set(((variant.inventory_items ?? []) as any[]).map((link) => link.inventory_item_id as string))]
  if (!keys.length) {
    return []
  }
  return await container.resolve(Modules.LOCKING).execute(keys, async () => {
    // A level read before the lock (here or by the caller) is good enough only with stock to spare: close to running out,
    // another till's reservation may have landed since, so it is read again under the lock.
    const tight = inHandLockKeys(input.location_id, [{ id: "", variant_id: input.variant_id, quantity: input.quantity, variant }]).length
    return raiseLocked(container, input, (tight && (await readVariantStock(container, input.variant_id))) || variant)
  })
}

async function raiseLocked(container: { resolve: (key: string) => any }, input: EnsureStockInHandInput, variant: any): Promise<Raise[]> {
  const inventory = container.resolve(Modules.INVENTORY)
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const raises: Raise[] = []
  try {
    for (const link of variant.inventory_items ?? []) {
      const needed = input.quantity * MathBN.convert(link.required_quantity ?? 1).toNumber()
      const level = (link.inventory?.location_levels ?? []).find((l: any) => l.location_id === input.location_id)
      const available = level ? availableAt(level) : 0
      if (available >= needed) {
        continue
      }
      const shortfall = needed - available
      // the record first: a raise never stands without the row that says so
      const discrepancy = await pos.createPosInventoryDiscrepancies({
        store_id: input.store_id,
        location_id: input.location_id,
        inventory_item_id: link.inventory_item_id,
        variant_id: input.variant_id,
        sale_id: input.sale_id,
        available_before: available,
        quantity_added: shortfall,
      })
      try {
        // A relative adjustment: a fulfilment at another till in between is not overwritten.
        if (level) {
          await inventory.adjustInventory(link.inventory_item_id, input.location_id, shortfall)
        } else {
          await inventory.createInventoryLevels([
            { inventory_item_id: link.inventory_item_id, location_id: input.location_id, stocked_quantity: shortfall },
          ])
        }
      } catch (error) {
        await pos.deletePosInventoryDiscrepancies(discrepancy.id)
        throw error
      }
      raises.push({
        discrepancy_id: discrepancy.id,
        inventory_item_id: link.inventory_item_id,
        location_id: input.location_id,
        quantity: shortfall,
        created_level: !level,
      })
    }
  } catch (error) {
    // a step that throws is not compensated: what this call raised is taken back here (the locks are held)
    await reverseRaises(container, raises, false)
    throw error
  }
  return raises
}

export const ensureStockInHandStep = createStep(
  ensureStockInHandStepId,
  async (input: EnsureStockInHandInput, { container }) => {
    return new StepResponse(void 0, await raiseStockInHand(container, input))
  },
  async (raises, { container }) => {
    if (!raises?.length) {
      return
    }
    await reverseRaises(container, raises)
  }
)

/** Within this many units of running out at the store, completions of an item there run one at a time. */
export const IN_HAND_LOCK_MARGIN = 10

/**
 * The plugin's lock keys for the items of a sale that the store is close to running out of: held
 * from the check of the stock in hand until Medusa's completion has reserved, so that two tills
 * selling the last units at once never both count on them (the second then sees the first's
 * reservation and raises the level for what is in hand). Items with stock to spare take no lock, so
 * tills selling them do not wait for each other. Sorted, so two sales take them in the same order.
 */
export function inHandLockKeys(location_id: string, items: SaleCartStockLine[]): string[] {
  const needed = new Map<string, { quantity: number; available: number }>()
  for (const item of items) {
    const variant = item?.variant
    if (!item?.variant_id || !variant?.manage_inventory || endlessOf(item)) {
      continue
    }
    for (const link of variant.inventory_items ?? []) {
      const level = (link.inventory?.location_levels ?? []).find((l: any) => l.location_id === location_id)
      const current = needed.get(link.inventory_item_id) ?? { quantity: 0, available: level ? availableAt(level) : 0 }
      current.quantity += Number(item.quantity) * MathBN.convert(link.required_quantity ?? 1).toNumber()
      needed.set(link.inventory_item_id, current)
    }
  }
  return [...needed]
    .filter(([, { quantity, available }]) => available < quantity + IN_HAND_LOCK_MARGIN)
    .map(([inventory_item_id]) => `pos:in-hand:${location_id}:${inventory_item_id}`)
    .sort()
}

export const ensureSaleStockInHandStepId = "ensure-pos-sale-stock-in-hand"

/** A cart line with its variant's stock (VARIANT_STOCK_FIELDS), read once at completion. */
export type SaleCartStockLine = {
  id: string
  variant_id: string | null
  quantity: number
  metadata?: Record<string, unknown> | null
  variant?: Record<string, any> | null
}

/**
 * Just before completion, every line again: stock that an online order
 * reserved since the line was scanned must not refuse what is in hand.
 */
export const ensureSaleStockInHandStep = createStep(
  ensureSaleStockInHandStepId,
  async (
    input: { sale_id: string; store_id: string; location_id: string; items: SaleCartStockLine[] },
    { container }
  ) => {
    const quantities = new Map<string, { quantity: number; variant?: Record<string, any> }>()
    for (const item of input.items) {
      if (item?.variant_id && !endlessOf(item)) {
        const current = quantities.get(item.variant_id)
        // a variant gone since the scan is read again by raiseStockInHand, which refuses it (404)
        quantities.set(item.variant_id, {
          quantity: (current?.quantity ?? 0) + Number(item.quantity),
          variant: item.variant ?? undefined,
        })
      }
    }
    const raises: Raise[] = []
    try {
      for (const [variant_id, { quantity, variant }] of quantities) {
        raises.push(
          ...(await raiseStockInHand(container, {
            sale_id: input.sale_id,
            store_id: input.store_id,
            location_id: input.location_id,
            variant_id,
            quantity,
            variant,
          }))
        )
      }
    } catch (error) {
      await reverseRaises(container, raises)
      throw error
    }
    return new StepResponse(void 0, raises)
  },
  async (raises, { container }) => {
    if (!raises?.length) {
      return
    }
    await reverseRaises(container, raises)
  }
)

/** Takes back raised stock (a failed step, a voided sale), under the items' locks unless the caller holds them. */
export async function reverseRaises(
  container: { resolve: (key: string) => any },
  raises: { discrepancy_id: string; inventory_item_id: string; location_id: string; quantity: number }[],
  lock = true
) {
  if (!raises.length) {
    return
  }
  const inventory = container.resolve(Modules.INVENTORY)
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const reverse = async () => {
    for (const raise of raises) {
      await inventory.adjustInventory(raise.inventory_item_id, raise.location_id, -raise.quantity)
      await pos.updatePosInventoryDiscrepancies({ id: raise.discrepancy_id, reversed_at: new Date() })
    }
  }
  await (lock ? container.resolve(Modules.LOCKING).execute([...new Set(raises.map((r) => r.inventory_item_id))], reverse) : reverse())
}
