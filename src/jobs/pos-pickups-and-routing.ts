import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { retryUnroutable } from "../workflows/routing/reroute"
import { expirePickupHolds } from "../workflows/store-tasks/expire-pickup"
import { unparkStaleReservations } from "../workflows/store-tasks/steps/task-steps"

/**
 * Every 15 minutes: pickups not collected within their store's hold period
 * are released (and canceled, per `pickup.on_expiry`), and orders that found
 * no stock are routed again now that stock may have arrived, and reservations a crash left
 * parked mid-shipment are keyed back to their order lines.
 */
export default async function posPickupsAndRouting(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const expired = await expirePickupHolds(container)
  const routed = await retryUnroutable(container)
  const unparked = await unparkStaleReservations(container)
  if (expired.length || routed.length || unparked.length) {
    logger.info(
      `POS: ${expired.length} pickup hold(s) expired, ${routed.length} unroutable order(s) routed, ${unparked.length} parked reservation(s) keyed back`
    )
  }
}

export const config = {
  name: "pos-pickups-and-routing",
  schedule: "*/15 * * * *",
}
