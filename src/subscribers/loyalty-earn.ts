import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { PaymentEvents } from "@medusajs/framework/utils"
import { POS_MODULE } from "../modules/pos"
import type PosModuleService from "../modules/pos/service"
import { earnLoyaltyWorkflow } from "../workflows/loyalty/earn-loyalty"
import { orderOfPayment } from "../workflows/loyalty/utils/earn"

/** A captured payment may make its order paid: then the order earns loyalty, once (docs/customers.md). */
export default async function loyaltyEarn({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  if (!(pos.settings.loyalty.earn_rate > 0)) {
    return
  }
  const orderId = await orderOfPayment(container, data.id)
  if (orderId) {
    await earnLoyaltyWorkflow(container).run({ input: { order_id: orderId } })
  }
}

export const config: SubscriberConfig = { event: PaymentEvents.CAPTURED }
