import type { MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { recordAudit } from "../../../../../utils/audit"
import { emailReceipt } from "../../../../../../workflows/sale/utils/receipt"
import type { TerminalRequest } from "../../../../utils/staff-access"
import type { TerminalEmailReceiptType } from "./validators"

/**
 * Emails a store order's receipt (to the address given, else the order's),
 * through Medusa's notification module, as the completion does. The same
 * idempotency_key again sends nothing more.
 */
export const POST = async (req: TerminalRequest<TerminalEmailReceiptType>, res: MedusaResponse) => {
  const { email, idempotency_key } = req.validatedBody
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "email", "customer.email", "metadata"],
    filters: { id: req.params.id },
  })
  const order = data[0] as any
  const to = email ?? order?.email ?? order?.customer?.email
  if (!to) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Order ${req.params.id} has no email: give the customer's email`)
  }
  let notification: { id: string } | undefined
  try {
    notification = await emailReceipt(req.scope, {
      order_id: req.params.id,
      to,
      idempotency_key: `pos-receipt-${req.params.id}-${idempotency_key}`,
    })
  } catch (error) {
    req.scope.resolve(ContainerRegistrationKeys.LOGGER).warn(`Could not email the receipt of order ${req.params.id}: ${(error as Error).message}`)
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "The receipt could not be emailed: the server has no working email provider for the 'email' channel (see the server's log)"
    )
  }
  await recordAudit(req, {
    actor_type: "staff",
    actor_id: req.staff!.id,
    store_id: order?.metadata?.pos_store_id ?? null,
    action: "receipt.emailed",
    resource_type: "order",
    resource_id: req.params.id,
    data: { to, notification_id: notification?.id ?? null },
  })
  res.json({ sent_to: to, notification_id: notification?.id ?? null })
}
