import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"

export type ShiftCloseInput = {
  opening_float: BigNumberInput
  /** cash into (positive) and out of (negative) the drawer during the shift: movements and cash sales */
  movements: BigNumberInput[]
  counted_cash: BigNumberInput
  /** a variance larger than this, either way, needs a manager */
  variance_threshold: BigNumberInput
}

export type ShiftClosePlan = {
  expected_cash: number
  counted_cash: number
  /** counted minus expected: negative when cash is missing */
  variance: number
  needs_manager: boolean
}

/**
 * What the drawer should hold at the end of a shift, and how far the count is
 * off. Exact decimal arithmetic: 0.1 + 0.2 is 0.3 here.
 */
export function prepareShiftClose(input: ShiftCloseInput): ShiftClosePlan {
  const expected = MathBN.add(input.opening_float, ...input.movements)
  const variance = MathBN.sub(input.counted_cash, expected)
  return {
    expected_cash: expected.toNumber(),
    counted_cash: MathBN.convert(input.counted_cash).toNumber(),
    variance: variance.toNumber(),
    needs_manager: MathBN.gt(MathBN.abs(variance), input.variance_threshold),
  }
}
