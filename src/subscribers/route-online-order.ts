import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { routeOnlineOrder } from "../workflows/routing/route-online-order"

/** Routes every online order once Medusa placed it (docs/routing.md). A failure is logged; the order stands. */
export default async function routeOrderOnPlacement({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  try {
    await routeOnlineOrder(container, data.id)
  } catch (error: any) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`Routing order ${data.id} failed: ${error?.message ?? error}`)
  }
}

export const config: SubscriberConfig = { event: "order.placed" }
