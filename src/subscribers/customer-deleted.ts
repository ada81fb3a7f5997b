import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { eraseCustomerDataWorkflow } from "../workflows/customers/erase-customer-data"

/** A customer deleted in Medusa: what the plugin holds about them (consents, notes, views) goes too. */
export default async function customerDeleted({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  await eraseCustomerDataWorkflow(container).run({ input: { customer_id: data.id, actor_id: "pos", actor_type: "system" } })
}

export const config: SubscriberConfig = { event: "customer.deleted" }
