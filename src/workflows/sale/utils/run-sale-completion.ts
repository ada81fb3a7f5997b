import { MedusaError } from "@medusajs/framework/utils"
import { completeSaleWorkflow, type CompleteSaleWorkflowInput } from "../complete-sale"

const ATTEMPTS = 3

/**
 * Another till reserved the same units between this sale's check of the stock
 * in hand and its reservation (two tills selling the last unit at once).
 */
function isStockRace(error: unknown) {
  return (
    MedusaError.isMedusaError(error) &&
    (error as MedusaError).type === MedusaError.Types.NOT_ALLOWED &&
    (error as MedusaError).message.startsWith("Not enough stock available for item")
  )
}

/**
 * Completes a sale; an item in hand is never refused. When another till's
 * completion took the units this one counted on, the failed completion has
 * undone itself, and the next attempt sees that reservation, raises the
 * store's level for what is in hand and records the discrepancy.
 */
export async function runSaleCompletion(container: { resolve: (key: string) => any }, input: CompleteSaleWorkflowInput) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await completeSaleWorkflow(container as any).run({ input })
    } catch (error) {
      if (attempt >= ATTEMPTS || !isStockRace(error)) {
        throw error
      }
    }
  }
}
