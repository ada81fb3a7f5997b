import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { retryUnroutable } from "../workflows/routing/reroute"
import { expirePickupHolds } from "../workflows/store-tasks/expire-pickup"

/**
 * Every 15 minutes: pickups not collected within their store's hold period
 * are released (and canceled, per `pickup.on_expiry`), and orders that found
 * no stock are routed again now that stock may have arrived.
 */
export default async function posPickupsAndRouting(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const expired = await expirePickupHolds(container)
  const routed = await retryUnroutable(container)
  if (expired.length || routed.length) {
    logger.info(`POS: ${expired.length} pickup hold(s) expired, ${routed.length} unroutable order(s) routed`)
  }
}

export const config = {
  name: "pos-pickups-and-routing",
  schedule: "*/15 * * * *",
}
