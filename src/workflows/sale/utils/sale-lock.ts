import { Modules } from "@medusajs/framework/utils"
import { transform, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"

export const saleLockKey = (saleId: string) => `pos:sale:${saleId}`

/**
 * Runs `fn` holding the sale's lock: completion, tenders, voids and cart
 * changes of one sale never interleave (with Redis locking, across processes).
 */
export async function withSaleLock<T>(container: { resolve: (key: string) => any }, saleId: string, fn: () => Promise<T>) {
  return await container.resolve(Modules.LOCKING).execute(saleLockKey(saleId), fn, { timeout: 30 })
}

/**
 * In a workflow's composition, first: the sale's lock (waits up to 30 s; a crashed holder's lock
 * lapses after 120 s). A failure releases it through the step's compensation; nested with
 * runAsStep, the parent holds it. Pair with releaseSaleLock, last.
 */
export function acquireSaleLock(input: WorkflowData<{ sale_id: string }> | { sale_id: string }) {
  const key = transform({ input }, ({ input }) => saleLockKey(input.sale_id))
  acquireLockStep({ key, timeout: 30, ttl: 120 })
  return key
}

/** In a workflow's composition, last: lets go of the sale's lock (a failure to let go never undoes the change). */
export function releaseSaleLock(key: WorkflowData<string>) {
  releaseLockStep({ key }).config({ continueOnPermanentFailure: true })
}
