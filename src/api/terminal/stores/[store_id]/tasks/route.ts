import type { MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { listStoreTasks } from "../../../../../workflows/store-tasks/utils/tasks"
import type { TerminalRequest } from "../../../utils/staff-access"
import type { TerminalListStoreTasksParamsType } from "./validators"

/**
 * The store's work queue: curbside arrivals first, then pickups ready, then the rest oldest first.
 * Each task carries what staff call the order by: its number and the customer's name.
 */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const { status } = req.validatedQuery as TerminalListStoreTasksParamsType
  const statuses = status?.length ? status : undefined
  const tasks = await listStoreTasks(req.scope, req.params.store_id, statuses)
  const ids = [...new Set(tasks.map((t: any) => t.order_id as string))]
  const { data: orders } = ids.length
    ? await req.scope.resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "order",
        fields: ["id", "display_id", "shipping_address.first_name", "shipping_address.last_name", "customer.first_name", "customer.last_name"],
        filters: { id: ids },
      })
    : { data: [] as any[] }
  const byId = new Map((orders as any[]).map((o) => [o.id, o]))
  res.json({
    tasks: tasks.map((t: any) => {
      const o = byId.get(t.order_id)
      const name = [o?.shipping_address?.first_name ?? o?.customer?.first_name, o?.shipping_address?.last_name ?? o?.customer?.last_name]
      return { ...t, order: o ? { display_id: o.display_id, customer_name: name.filter(Boolean).join(" ") || null } : null }
    }),
  })
}
