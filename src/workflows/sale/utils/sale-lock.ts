import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse, transform, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { setTimeout as sleep } from "node:timers/promises"

export const saleLockKey = (saleId: string) => `pos:sale:${saleId}`

/** How long a sale's lock outlives a crashed holder, and how long a caller waits for it. */
const SALE_LOCK_TTL_SECONDS = 120
const SALE_LOCK_WAIT_SECONDS = 30

type HeldSaleLock = { key: string; owner: string }

/**
 * The sale's lock, owned by this run of the workflow (its transaction id): a run that outlives the
 * lock's 120 s can never free the lock another run took since. Waits up to 30 s. Nested with
 * runAsStep, the parent holds it: skipped. Compensation lets go.
 */
const acquireSaleLockStep = createStep(
  "acquire-pos-sale-lock",
  async (input: { sale_id: string }, { container, parentStepIdempotencyKey, transactionId }) => {
    if (parentStepIdempotencyKey) {
      return StepResponse.skip() as unknown as StepResponse<HeldSaleLock | null, HeldSaleLock | null>
    }
    const locking = container.resolve(Modules.LOCKING)
    const held: HeldSaleLock = { key: saleLockKey(input.sale_id), owner: `pos:run:${transactionId}` }
    const until = Date.now() + SALE_LOCK_WAIT_SECONDS * 1000
    for (;;) {
      try {
        await locking.acquire(held.key, { ownerId: held.owner, expire: SALE_LOCK_TTL_SECONDS })
        break
      } catch (error) {
        if (Date.now() >= until) {
          throw error
        }
      }
      await sleep(300)
    }
    return new StepResponse<HeldSaleLock | null, HeldSaleLock | null>(held, held)
  },
  async (held, { container }) => {
    if (held) {
      await container.resolve(Modules.LOCKING).release(held.key, { ownerId: held.owner })
    }
  }
)

const releaseSaleLockStep = createStep("release-pos-sale-lock", async (held: HeldSaleLock | null | undefined, { container, parentStepIdempotencyKey }) => {
  if (parentStepIdempotencyKey || !held) {
    return new StepResponse(false)
  }
  return new StepResponse(await container.resolve(Modules.LOCKING).release(held.key, { ownerId: held.owner }))
})

/**
 * In a workflow's composition, first: the sale's lock (acquireSaleLockStep). Pair with
 * releaseSaleLock, last.
 */
export function acquireSaleLock(input: WorkflowData<{ sale_id: string }> | { sale_id: string }) {
  return acquireSaleLockStep(transform({ input }, ({ input }) => ({ sale_id: input.sale_id })))
}

/** In a workflow's composition, last: lets go of the sale's lock (a failure to let go never undoes the change). */
export function releaseSaleLock(held: WorkflowData<HeldSaleLock | null>) {
  releaseSaleLockStep(held).config({ continueOnPermanentFailure: true })
}
