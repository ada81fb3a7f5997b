import { prepareShiftClose } from "../prepare-shift-close"

describe("prepareShiftClose", () => {
  it.each([
    // float, movements, counted, threshold → expected, variance, needs manager
    [100, [], 100, 5, 100, 0, false],
    [100, [50, -20], 130, 5, 130, 0, false],
    [100, [50, -20], 125, 5, 130, -5, false],
    [100, [50, -20], 124.99, 5, 130, -5.01, true],
    [100, [], 110, 5, 100, 10, true],
    [0.1, [0.2], 0.3, 0, 0.3, 0, false],
    [200, [-200], 0, 0, 0, 0, false],
    [200, [-200], 0.01, 0, 0, 0.01, true],
  ])(
    "float %p, movements %p, counted %p, threshold %p → expected %p, variance %p, manager %p",
    (float, movements, counted, threshold, expected, variance, needsManager) => {
      expect(
        prepareShiftClose({
          opening_float: float,
          movements,
          counted_cash: counted,
          variance_threshold: threshold,
        })
      ).toEqual({ expected_cash: expected, counted_cash: counted, variance, needs_manager: needsManager })
    }
  )
})
