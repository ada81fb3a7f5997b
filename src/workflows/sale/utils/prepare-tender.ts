import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { currencyDecimals, roundToCurrency } from "../../utils/money"
import { stripeAmountProblem } from "../../../lib/stripe-terminal"

export type TenderRequest = { type: "cash" | "card"; amount: number; tendered?: number }

export type TenderPlan = { amount: number; tendered: number | null; change_due: number | null }

/**
 * How much of what is still due a tender covers. Cash may be more than is due:
 * the tender covers what is due and the rest is change. A card charge may not.
 */
export function prepareTender(request: TenderRequest, due: BigNumberInput, currencyCode = "usd"): TenderPlan {
  const decimals = currencyDecimals(currencyCode)
  for (const [field, value] of [["amount", request.amount], ["tendered", request.tendered]] as const) {
    if (value != null && roundToCurrency(value, currencyCode) !== value) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${field} ${value} has more than the ${decimals} decimal(s) ${currencyCode.toUpperCase()} is paid in`
      )
    }
  }
  const remaining = MathBN.convert(due)
  if (MathBN.lte(remaining, 0)) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Nothing is due on this sale any more; complete it")
  }
  if (request.type === "card") {
    const problem = stripeAmountProblem(request.amount, currencyCode)
    if (problem) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `amount: ${problem}; take the rest in cash`)
    }
    if (MathBN.gt(request.amount, remaining)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `amount ${request.amount} is more than the ${remaining.toNumber()} still due; a card is charged at most what is due`
      )
    }
    return { amount: request.amount, tendered: null, change_due: null }
  }
  const handed = request.tendered ?? request.amount
  if (MathBN.lt(handed, request.amount)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `tendered ${handed} is less than the amount ${request.amount}`)
  }
  const covers = MathBN.min(MathBN.max(request.amount, 0), remaining)
  return {
    amount: covers.toNumber(),
    tendered: MathBN.convert(handed).toNumber(),
    change_due: MathBN.sub(handed, covers).toNumber(),
  }
}
