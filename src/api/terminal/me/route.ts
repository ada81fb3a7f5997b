import type { MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { TerminalRequest } from "../utils/staff-access"

/** The signed-in staff member, with each store they belong to and their role there. */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: memberships } = await query.graph({
    entity: "pos_staff_membership",
    fields: ["id", "role", "store.id", "store.name", "store.code", "store.status", "store.timezone"],
    filters: { staff_id: req.staff!.id },
  })
  // a PIN quick switch's token sees the store it was given at only
  const open = new Set((req.memberships ?? []).map((m) => m.store_id))
  res.json({
    staff: req.staff,
    memberships: memberships.filter((m: any) => open.has(m.store?.id)).map((m: any) => ({ id: m.id, role: m.role, store: m.store })),
  })
}
