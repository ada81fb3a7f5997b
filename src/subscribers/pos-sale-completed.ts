import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { emailReceipt } from "../workflows/sale/utils/receipt"

/**
 * Emails the receipt of a counter sale when the customer gave an email, through
 * Medusa's notification module (channel "email", template "pos-receipt"; the
 * data carries the receipt and its HTML). A shop without an email provider
 * still sells: the failure is logged, not raised.
 */
export default async function emailPosReceipt({
  event: { data },
  container,
}: SubscriberArgs<{ id: string; order_id: string; store_id: string }>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "email", "customer.email"],
    filters: { id: data.order_id },
  })
  const order = orders[0] as any
  const to = order?.email ?? order?.customer?.email
  if (!to) {
    return
  }
  try {
    await emailReceipt(container, { order_id: data.order_id, to, idempotency_key: `pos-receipt-${data.order_id}` })
  } catch (error) {
    logger.warn(`Could not email the receipt of order ${data.order_id}: ${(error as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: "pos.sale.completed",
}
