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
            // The plugin's Redis locking provider: a set of keys is taken one key at a time in
            // sorted order. Medusa's locking-redis takes them all at once, and two tills (or two
            // checkouts) locking the same two items deadlock until both time out
            // (docs/production.md#locking-on-redis).
            resolve: "./src/providers/locking-redis",
            id: "pos-redis-ordered",
            is_default: true,
            options: { redisUrl, waitLockingTimeout: 60 },
          },
        ],
      },
    },
  ]
}
