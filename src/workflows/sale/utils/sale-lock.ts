import { Modules } from "@medusajs/framework/utils"

export const saleLockKey = (saleId: string) => `pos:sale:${saleId}`

/**
 * Runs `fn` holding the sale's lock: completion, tenders, voids and cart
 * changes of one sale never interleave (with Redis locking, across processes).
 */
export async function withSaleLock<T>(container: { resolve: (key: string) => any }, saleId: string, fn: () => Promise<T>) {
  return await container.resolve(Modules.LOCKING).execute(saleLockKey(saleId), fn, { timeout: 30 })
}
