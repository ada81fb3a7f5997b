import { isSimulatedReader, throwIfSimulatedReaderOff } from "../simulated-reader"

describe("the simulated reader", () => {
  it("is the reader id 'simulated' only", () => {
    expect(isSimulatedReader("simulated")).toBe(true)
    for (const id of ["tmr_123", "Simulated", "", null, undefined]) {
      expect(isSimulatedReader(id)).toBe(false)
    }
  })

  it("is refused with the option that turns it on named, unless it is on", () => {
    expect(() => throwIfSimulatedReaderOff("simulated", false)).toThrow(/plugin option simulated_reader/)
    expect(() => throwIfSimulatedReaderOff("simulated", true)).not.toThrow()
    expect(() => throwIfSimulatedReaderOff("tmr_123", false)).not.toThrow()
    expect(() => throwIfSimulatedReaderOff(null, false)).not.toThrow()
  })
})
