import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../modules/pos"
import { StoreTaskKind, StoreTaskStatus } from "../../../../../modules/pos/models/store-task"
import type PosModuleService from "../../../../../modules/pos/service"
import { withDefaultCapabilities } from "../../../../../modules/pos/utils/capabilities"
import { openPickupCode } from "../../../../../workflows/store-tasks/utils/pickup-code"

/**
 * The signed-in customer's own pickup: where, in what state, and, once it is ready, the pickup
 * code (also as the value of the barcode staff scan at hand-over). Another customer's order, a
 * guest order, or an order that is not a pickup answers 404 alike.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const notFound = () => new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${req.params.id} has no pickup of yours`)
  const { data } = await query.graph({ entity: "order", fields: ["id", "display_id", "customer_id"], filters: { id: req.params.id } })
  const order = data[0] as any
  if (!order || !order.customer_id || order.customer_id !== req.auth_context.actor_id) {
    throw notFound()
  }
  const tasks = (await pos.listPosStoreTasks({ order_id: order.id, kind: StoreTaskKind.PICKUP }, { order: { created_at: "DESC" } })) as any[]
  const task = tasks.find((t) => t.status !== StoreTaskStatus.CANCELED) ?? tasks[0]
  if (!task) {
    throw notFound()
  }
  const store = await pos.retrievePosStore(task.store_id)
  const code = task.status === StoreTaskStatus.READY ? openPickupCode(req.scope, task) : null
  res.json({
    pickup: {
      order_id: order.id,
      display_id: order.display_id,
      status: task.status,
      ready_at: task.ready_at,
      expires_at: task.expires_at,
      arrived_at: task.arrived_at,
      collected_at: task.collected_at,
      pickup_code: code,
      /** what the order's barcode encodes: staff scan it at hand-over */
      barcode: code,
      store: {
        name: store.name,
        address_1: store.address_1,
        city: store.city,
        postal_code: store.postal_code,
        phone: store.phone,
        curbside: withDefaultCapabilities(store.capabilities as any).curbside,
      },
    },
  })
}
