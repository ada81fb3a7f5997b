const Redis = require("ioredis")

/** Connects and PINGs once, giving up after `timeoutMs`; never throws. */
async function probeRedis(url, timeoutMs = 3000) {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  client.on("error", () => {})
  try {
    await client.connect()
    await client.ping()
    return { ok: true }
  } catch (error) {
    return { ok: false, reason: error.message }
  } finally {
    client.disconnect()
  }
}

module.exports = { probeRedis }
