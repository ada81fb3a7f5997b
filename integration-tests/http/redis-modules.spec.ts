import Redis from "ioredis"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"

jest.setTimeout(120000)

// npm test runs this spec only when a Redis server answers (POS_TEST_REDIS_URL).
// The app config reads REDIS_URL when the runner loads it, in its beforeAll.
const redisUrl = process.env.POS_TEST_REDIS_URL!
process.env.REDIS_URL = redisUrl

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, api }) => {
    describe("with REDIS_URL set", () => {
      it("runs Medusa's event bus, locking and workflow engine on Redis", async () => {
        const container = getContainer()
        expect(container.resolve(Modules.EVENT_BUS).constructor.name).toBe("RedisEventBusService")
        expect(container.resolve(Modules.WORKFLOW_ENGINE).constructor.name).toBe(
          "WorkflowsModuleService"
        )

        // A lock taken through the locking module is a key in Redis while it is held.
        const redis = new Redis(redisUrl)
        const key = `pos-ci-${Date.now()}`
        try {
          let keysWhileHeld: string[] = []
          await container.resolve(Modules.LOCKING).execute(key, async () => {
            keysWhileHeld = await redis.keys(`*${key}*`)
          })
          expect(keysWhileHeld.length).toBe(1)
          expect(await redis.keys(`*${key}*`)).toEqual([])
        } finally {
          redis.disconnect()
        }

        const { status } = await api.get("/health")
        expect(status).toBe(200)
      })

      it("locks sets of keys without deadlock: callers taking the same two keys in either order all get them, one at a time", async () => {
        const locking = getContainer().resolve(Modules.LOCKING)
        const a = `pos-ci-a-${Date.now()}`
        const b = `pos-ci-b-${Date.now()}`
        let inside = 0
        let most = 0
        // Medusa's locking-redis takes a set's keys all at once: [a, b] and [b, a] at the same
        // instant each get one and wait for the other until both time out (medusajs/medusa#16285)
        const results = await Promise.allSettled(
          Array.from({ length: 12 }, (_, i) =>
            locking.execute(
              i % 2 ? [a, b] : [b, a],
              async () => {
                inside++
                most = Math.max(most, inside)
                await new Promise((resolve) => setTimeout(resolve, 20))
                inside--
                return i
              },
              { timeout: 5 }
            )
          )
        )
        expect(results.filter((r) => r.status === "rejected")).toEqual([])
        expect(most).toBe(1)

        // acquire does not wait and keeps nothing of a set it could not take whole; a named owner re-enters
        await locking.acquire([a], { ownerId: "till-1", expire: 30 })
        await expect(locking.acquire([b, a], { ownerId: "till-2", expire: 30 })).rejects.toThrow(`Failed to acquire lock for key "${a}"`)
        await locking.acquire([a, b], { ownerId: "till-1", expire: 30 })
        expect(await locking.release([a, b], { ownerId: "till-2" })).toBe(false)
        expect(await locking.release([a, b], { ownerId: "till-1" })).toBe(true)
        await locking.acquire([b], { ownerId: "till-2", expire: 30 })
        await locking.releaseAll({ ownerId: "till-2" })
        await locking.acquire([a, b])
        expect(await locking.release([a, b])).toBe(true)
      })
    })
  },
})
