import { MedusaError } from "@medusajs/framework/utils"
import type { PosLimits } from "../../../modules/pos/options"

/**
 * Refuses a change that would leave a sale line above `limits.max_line_quantity`
 * units or the sale above `limits.max_sale_lines` lines. Called before anything
 * is written (stock raised, line added), so a refused request changes nothing.
 */
export function throwIfOverSaleLimits(limits: PosLimits, change: { line_quantity: number; lines: number }) {
  if (change.line_quantity > limits.max_line_quantity) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `quantity: a line may hold at most ${limits.max_line_quantity} units (limits.max_line_quantity); this line would hold ${change.line_quantity}`
    )
  }
  if (change.lines > limits.max_sale_lines) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `A sale may have at most ${limits.max_sale_lines} lines (limits.max_sale_lines); complete this one and start another`
    )
  }
}

/** Refuses an amount above a money limit, naming it. */
export function throwIfOverAmountLimit(field: string, amount: number, limit: number, name: keyof PosLimits, currencyCode?: string) {
  if (amount > limit) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${field} ${amount} is more than the ${limit}${currencyCode ? ` ${currencyCode.toUpperCase()}` : ""} allowed (limits.${name})`
    )
  }
}
