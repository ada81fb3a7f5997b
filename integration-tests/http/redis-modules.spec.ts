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
    })
  },
})
