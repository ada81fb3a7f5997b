import { normalizeScan, ScanQueue, splitScans } from "../scan-queue"

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms))

describe("ScanQueue: a scanner's burst lands in order", () => {
  it("processes codes one at a time, in the order scanned, however slow each answer is", async () => {
    const started: string[] = []
    const finished: string[] = []
    let running = 0
    let most = 0
    // answers in reverse speed: the first scan is the slowest
    const delays: Record<string, number> = { A: 30, B: 10, C: 0 }
    const queue = new ScanQueue(async (code) => {
      running++
      most = Math.max(most, running)
      started.push(code)
      await tick(delays[code[0]])
      finished.push(code)
      running--
    })
    for (const code of ["A1", "B2", "C3", "A4"]) queue.push(code)
    expect(queue.size).toBe(4)
    await queue.idle()
    expect(started).toEqual(["A1", "B2", "C3", "A4"])
    expect(finished).toEqual(["A1", "B2", "C3", "A4"])
    expect(most).toBe(1)
    expect(queue.size).toBe(0)
  })

  it("goes on after a failed scan, and reports when it is busy", async () => {
    const done: string[] = []
    const states: [boolean, number][] = []
    const queue = new ScanQueue(
      async (code) => {
        if (code === "BAD") throw new Error("No product has the barcode BAD")
        done.push(code)
      },
      (busy, pending) => states.push([busy, pending])
    )
    queue.push("ONE")
    queue.push("BAD")
    queue.push("TWO")
    await queue.idle()
    expect(done).toEqual(["ONE", "TWO"])
    expect(states[0]).toEqual([true, 1])
    expect(states[states.length - 1]).toEqual([false, 0])
  })

  it("ignores empty scans and strips what scanners add around a code", async () => {
    const seen: string[] = []
    const queue = new ScanQueue(async (code) => void seen.push(code))
    expect(queue.push("   ")).toBe(false)
    expect(queue.push("\u0002 2000010000005\r\u0003")).toBe(true)
    await queue.idle()
    expect(seen).toEqual(["2000010000005"])
    expect(normalizeScan("\tNW-TEE-BLA-M \u001d")).toBe("NW-TEE-BLA-M")
  })

  it("splits several codes that reached the field before their Enter was handled", () => {
    expect(splitScans("2000010000005\n2000010001002\r\n\n NW-TEE \r")).toEqual(["2000010000005", "2000010001002", "NW-TEE"])
    expect(splitScans("")).toEqual([])
  })
})
