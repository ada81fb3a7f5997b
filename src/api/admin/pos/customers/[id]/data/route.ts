import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { POS_MODULE } from "../../../../../../modules/pos"
import type PosModuleService from "../../../../../../modules/pos/service"
import { eraseCustomerDataWorkflow } from "../../../../../../workflows/customers/erase-customer-data"
import { customerConsents, loadCustomer } from "../../../../../../workflows/customers/utils/profile"
import { recordAudit } from "../../../../../utils/audit"

/**
 * A customer's export of what the plugin holds about them: every consent change (with when,
 * where, by whom and the wording), the staff notes and the product views. Audited. With
 * `?summary=true`, only the consents and how many rows are kept (the customer page's widget).
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const customer = await loadCustomer(req.scope, req.params.id, { deleted: true })
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const filter = { customer_id: customer.id }
  if (req.query.summary === "true") {
    // what the customer page's widget shows: the consents and how much is kept (not an export)
    const [changes, notes, views, { consents }] = await Promise.all([
      pos.listAndCountPosCustomerConsents(filter, { select: ["id"], take: 1 }),
      pos.listAndCountPosCustomerNotes(filter, { select: ["id"], take: 1 }),
      pos.listAndCountPosProductViews(filter, { select: ["id"], take: 1 }),
      customerConsents(req.scope, customer.id),
    ])
    res.json({ customer_id: customer.id, consents, counts: { consent_changes: changes[1], notes: notes[1], product_views: views[1] } })
    return
  }
  const [changes, notes, views, { consents }] = await Promise.all([
    pos.listPosCustomerConsents(filter, { order: { created_at: "ASC" } }),
    pos.listPosCustomerNotes(filter, { order: { created_at: "ASC" } }),
    pos.listPosProductViews(filter, { order: { created_at: "ASC" } }),
    customerConsents(req.scope, customer.id),
  ])
  await recordAudit(req, { actor_type: "user", actor_id: req.auth_context.actor_id, action: "customer.data_exported", resource_type: "customer", resource_id: customer.id })
  res.json({
    customer: { id: customer.id, email: customer.email, first_name: customer.first_name, last_name: customer.last_name },
    exported_at: new Date().toISOString(),
    consents,
    consent_changes: changes,
    notes,
    product_views: views,
  })
}

/** Erases what the plugin holds about the customer (consents, notes, views); Medusa's own records stay Medusa's. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const customer = await loadCustomer(req.scope, req.params.id, { deleted: true })
  const { result } = await eraseCustomerDataWorkflow(req.scope).run({
    input: { customer_id: customer.id, actor_id: req.auth_context.actor_id, request_id: req.requestId ?? null },
  })
  res.json({ customer_id: customer.id, erased: result })
}
