import type { MedusaResponse } from "@medusajs/framework/http"
import { recordAudit } from "../../../../../../utils/audit"
import { loadCustomerProfile } from "../../../../../../../workflows/customers/utils/profile"
import type { TerminalRequest } from "../../../../../utils/staff-access"

/**
 * The till's customer panel (docs/customers.md): what the sale needs always, the rest only for the
 * purposes the customer agreed to, each hidden part saying why. Every opening leaves an audit row.
 */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const profile = await loadCustomerProfile(req.scope, req.params.customer_id, { store_id: req.params.store_id })
  await recordAudit(req, {
    actor_type: "staff",
    actor_id: req.staff!.id,
    store_id: req.params.store_id,
    action: "customer.profile_viewed",
    resource_type: "customer",
    resource_id: req.params.customer_id,
    data: { shown: ["purchases", "notes", "views", "recommendations"].filter((s) => !profile.hidden.some((h) => h.section === s)) },
  })
  res.json({ profile })
}
