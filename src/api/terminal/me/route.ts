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
  res.json({
    staff: req.staff,
    memberships: memberships.map((m: any) => ({ id: m.id, role: m.role, store: m.store })),
  })
}
