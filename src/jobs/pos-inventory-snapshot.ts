import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { snapshotInventoryWorkflow } from "../workflows/reports/snapshot-inventory"

/**
 * Every night: the stock at cost per location and category, for the
 * scorecard's average inventory (GMROI). Written once per UTC day; the unique
 * index keeps a second server's run from doubling it.
 */
export default async function posInventorySnapshot(container: MedusaContainer) {
  const day = new Date().toISOString().slice(0, 10)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const { result } = await snapshotInventoryWorkflow(container).run({ input: { day } })
    if (!result.already) {
      logger.info(`POS: stock at cost kept for ${day} (${result.rows} rows)`)
    }
  } catch (error) {
    // another server wrote the day between this run's check and its insert: the unique index refused the second
    logger.warn(`POS: the stock snapshot for ${day} was not written by this server: ${(error as Error).message}`)
  }
}

export const config = {
  name: "pos-inventory-snapshot",
  schedule: "10 0 * * *",
}
