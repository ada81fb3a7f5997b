/**
 * Medusa's Redis-backed infrastructure modules, turned on when a Redis URL is
 * given: the event bus (subscribers run once across instances), the locking
 * provider (stock and shift locks hold across processes) and the workflow
 * engine (long-running workflows survive restarts and run on workers).
 * Without Redis, Medusa's in-memory defaults are used: fine for one process.
 */
export function redisModules(redisUrl: string | undefined) {
  if (!redisUrl) {
    return []
  }
  return [
    {
      resolve: "@medusajs/medusa/event-bus-redis",
      options: { redisUrl },
    },
    {
      resolve: "@medusajs/medusa/workflow-engine-redis",
      options: { redis: { redisUrl } },
    },
    {
      resolve: "@medusajs/medusa/locking",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/locking-redis",
            id: "locking-redis",
            is_default: true,
            // Medusa's default wait for a lock is 5 s: with 4 storefront checkouts at a time on the
            // same items, 21 of 24 were refused (409) on a 2-core machine; with 60 s, none
            // (docs/benchmarks.md, contention)
            options: { redisUrl, waitLockingTimeout: 60 },
          },
        ],
      },
    },
  ]
}
