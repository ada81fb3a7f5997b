import net from "net"
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { maskUrl, probePostgres, findFreePort } = require("../lib/postgres")

describe("npm start / npm test database helpers", () => {
  it("masks the password of a database URL and keeps the rest", () => {
    expect(maskUrl("postgres://medusa:s3cret@db.internal:5432/shop")).toBe(
      "postgres://medusa:****@db.internal:5432/shop"
    )
    expect(maskUrl("postgres://localhost/shop")).toBe("postgres://localhost/shop")
    expect(maskUrl("not a url")).toBe("<unparseable database URL>")
  })

  it("reports a database that does not answer within the timeout, without throwing", async () => {
    // A server that accepts connections and never speaks: the driver alone would wait minutes.
    const silent = net.createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve))
    const { port } = silent.address() as net.AddressInfo
    const started = Date.now()
    const result = await probePostgres(`postgres://u:p@127.0.0.1:${port}/db`, 500)
    silent.close()
    expect(result.ok).toBe(false)
    expect(result.reason).toMatch(/timeout/i)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it("finds a free port when the preferred one is taken", async () => {
    const busy = net.createServer()
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve))
    const { port } = busy.address() as net.AddressInfo
    const free = await findFreePort(port)
    busy.close()
    expect(free).toBeGreaterThan(port)
  })
})
