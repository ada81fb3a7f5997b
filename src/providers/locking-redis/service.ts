import { randomUUID } from "node:crypto"
import { setTimeout as sleep } from "node:timers/promises"
import type { ILockingProvider, Logger } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import Redis from "ioredis"

export type OrderedRedisLockingOptions = {
  redisUrl: string
  /** seconds `execute` waits for its keys before answering "Timed-out acquiring lock." (default 5, as Medusa's) */
  waitLockingTimeout?: number
  /** seconds an `execute` lock lives without renewal (renewed every third of it while the job runs; default 60) */
  lockExpire?: number
  /** prefix of the lock keys in Redis (default "pos_lock:"; Medusa's provider uses "medusa_lock:", so
   * every process of an app must use the same provider for their locks to exclude each other) */
  namespace?: string
  /** passed to ioredis */
  redisOptions?: Record<string, unknown>
}

/** Medusa's owner for a lock taken without one: never re-entrant */
const ANY_OWNER = "*"

const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if not current then
  if tonumber(ARGV[2]) > 0 then
    redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
  else
    redis.call('SET', KEYS[1], ARGV[1])
  end
  return 1
end
if current == ARGV[1] and ARGV[1] ~= '*' then
  if tonumber(ARGV[2]) > 0 then
    redis.call('EXPIRE', KEYS[1], ARGV[2])
  end
  return 2
end
return 0`

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`

const EXTEND = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return 0`

type LockClient = Redis & {
  posAcquire(key: string, owner: string, expire: number): Promise<number>
  posRelease(key: string, owner: string): Promise<number>
  posExtend(key: string, owner: string, expire: number): Promise<number>
}

/**
 * A locking provider for Medusa's locking module on Redis that takes a set of
 * keys one at a time in sorted order. Medusa's own Redis provider (2.21) takes
 * a set's keys all at once: two callers locking the same two inventory items
 * (two tills, or two storefront checkouts, of the same items) can each get one
 * key and wait for the other until both time out (medusajs/medusa#16285).
 * Taken in one order, keys cannot deadlock. Otherwise it behaves as Medusa's:
 * `acquire` does not wait (Medusa's acquireLockStep retries it) and is
 * re-entrant for a named owner; `execute` waits up to its timeout, runs the job
 * under a lock of its own that it renews while the job runs, and releases only
 * what it took. See docs/production.md.
 */
export default class OrderedRedisLockingProvider implements ILockingProvider {
  static identifier = "pos-redis-ordered"

  protected redis: LockClient
  protected waitLockingTimeout: number
  protected lockExpire: number
  protected namespace: string
  protected logger?: Logger

  constructor(
    { logger, posOrderedLockingOptions }: { logger?: Logger; posOrderedLockingOptions?: OrderedRedisLockingOptions },
    passed?: OrderedRedisLockingOptions
  ) {
    const options = { ...(posOrderedLockingOptions ?? {}), ...(passed ?? {}) } as OrderedRedisLockingOptions
    if (!options.redisUrl) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "The pos-redis-ordered locking provider needs the option redisUrl")
    }
    this.logger = logger
    this.waitLockingTimeout = Number(options.waitLockingTimeout ?? 5) || 5
    this.lockExpire = Number(options.lockExpire ?? 60) || 60
    this.namespace = options.namespace ?? "pos_lock:"
    const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 3, ...(options.redisOptions ?? {}) })
    redis.on("error", (error) => this.logger?.error(`pos-redis-ordered: Redis: ${error.message}`))
    redis.defineCommand("posAcquire", { numberOfKeys: 1, lua: ACQUIRE })
    redis.defineCommand("posRelease", { numberOfKeys: 1, lua: RELEASE })
    redis.defineCommand("posExtend", { numberOfKeys: 1, lua: EXTEND })
    this.redis = redis as LockClient
  }

  protected keysOf(keys: string | string[]) {
    return [...new Set(Array.isArray(keys) ? keys : [keys])].sort().map((key) => this.namespace + key)
  }

  protected async releaseTaken(taken: string[], owner: string) {
    await Promise.all(taken.map((key) => this.redis.posRelease(key, owner).catch(() => 0)))
  }

  async execute<T>(
    keys: string | string[],
    job: (signal?: AbortSignal) => Promise<T>,
    args?: { timeout?: number; expire?: number }
  ): Promise<T> {
    const timeout = Math.max(Number(args?.timeout ?? this.waitLockingTimeout) || 1, 1)
    const expire = Math.max(Number(args?.expire ?? this.lockExpire) || this.lockExpire, 1)
    const owner = `execute:${randomUUID()}`
    const deadline = Date.now() + timeout * 1000
    const taken: string[] = []
    const controller = new AbortController()
    // Every key taken is renewed from the moment it is taken, also while later keys are waited
    // for, so none can expire under a job that waited long for the rest of its set.
    const renewal = setInterval(async () => {
      const kept = await Promise.all(taken.map((key) => this.redis.posExtend(key, owner, expire).catch(() => 1)))
      if (kept.some((k) => k === 0) && !controller.signal.aborted) {
        this.logger?.warn(`pos-redis-ordered: a lock on ${keys} expired while it was held`)
        controller.abort(new MedusaError(MedusaError.Types.CONFLICT, "The lock was lost while its job ran"))
      }
    }, (expire * 1000) / 3)
    renewal.unref()
    try {
      try {
        // one key after the other, in sorted order, each waited for
        for (const key of this.keysOf(keys)) {
          let delay = 5
          while ((await this.redis.posAcquire(key, owner, expire)) === 0) {
            if (Date.now() >= deadline) {
              throw new MedusaError(MedusaError.Types.CONFLICT, "Timed-out acquiring lock.")
            }
            await sleep(Math.min(delay * (0.5 + Math.random()), Math.max(deadline - Date.now(), 1)))
            delay = Math.min(delay * 2, 200)
          }
          taken.push(key)
        }
        if (controller.signal.aborted) {
          throw controller.signal.reason
        }
      } catch (error) {
        // a timeout or a Redis error part-way: nothing of the set is kept
        await this.releaseTaken(taken, owner)
        throw error
      }
      const result = await job(controller.signal)
      if (controller.signal.aborted) {
        throw controller.signal.reason
      }
      return result
    } finally {
      clearInterval(renewal)
      await this.releaseTaken(taken, owner)
    }
  }

  async acquire(keys: string | string[], args?: { ownerId?: string | null; expire?: number }): Promise<void> {
    const owner = args?.ownerId ?? ANY_OWNER
    const expire = Math.max(Number(args?.expire ?? 0) || 0, 0)
    const taken: string[] = []
    try {
      for (const key of this.keysOf(keys)) {
        const result = await this.redis.posAcquire(key, owner, expire)
        if (result === 0) {
          throw new MedusaError(MedusaError.Types.CONFLICT, `Failed to acquire lock for key "${key.slice(this.namespace.length)}"`)
        }
        if (result === 1) {
          taken.push(key)
        }
      }
    } catch (error) {
      // none of the set is kept when one key is held by someone else (or Redis failed part-way)
      await this.releaseTaken(taken, owner)
      throw error
    }
  }

  async release(keys: string | string[], args?: { ownerId?: string | null }): Promise<boolean> {
    const owner = args?.ownerId ?? ANY_OWNER
    const results = await Promise.all(this.keysOf(keys).map((key) => this.redis.posRelease(key, owner)))
    return results.every((r) => r === 1)
  }

  async releaseAll(args?: { ownerId?: string | null }): Promise<void> {
    const owner = args?.ownerId ?? ANY_OWNER
    let cursor = "0"
    do {
      const [next, keys] = await this.redis.scan(cursor, "MATCH", `${this.namespace}*`, "COUNT", 100)
      cursor = next
      await Promise.all(keys.map((key) => this.redis.posRelease(key, owner)))
    } while (cursor !== "0")
  }
}
