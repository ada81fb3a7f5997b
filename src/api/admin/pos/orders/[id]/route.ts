import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { POS_MODULE } from "../../../../../modules/pos"
import type PosModuleService from "../../../../../modules/pos/service"
import { STAFF_TASK_FIELDS } from "../../../../../workflows/store-tasks/utils/tasks"
import { orderRouting } from "../../../orders/[id]/routing/route"

/** A return's columns the dashboard shows: not the idempotency key, nor the store-credit code (a bearer credential). */
const RETURN_FIELDS = [
  "id",
  "order_id",
  "store_id",
  "staff_id",
  "return_id",
  "exchange_id",
  "status",
  "refund_to",
  "currency_code",
  "amount",
  "new_items_amount",
  "collected_amount",
  "lines",
  "movements",
  "refund_id",
  "approval_id",
  "override_reason",
  "failure_reason",
  "received_at",
  "refunded_at",
  "created_at",
]

const amount = (value: unknown) => (value === null || value === undefined ? null : Number(value))

/**
 * What the plugin did with an order, for the order page: its routing decision
 * and earlier ones, the stores' tasks (pick, ship, pickup: never the pickup
 * code nor its hash) and the returns taken in stores. An order the plugin
 * never touched, or an unknown id, answers empty lists.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const orderId = req.params.id
  const [routing, tasks, returns] = await Promise.all([
    orderRouting(req.scope, orderId),
    pos.listPosStoreTasks({ order_id: orderId }, { select: [...STAFF_TASK_FIELDS], order: { created_at: "ASC" } }) as Promise<any[]>,
    pos.listPosReturns({ order_id: orderId }, { select: RETURN_FIELDS, order: { created_at: "ASC" } }) as Promise<any[]>,
  ])

  const storeIds = [...new Set([...tasks, ...returns].map((r) => r.store_id as string))]
  const staffIds = [...new Set(returns.map((r) => r.staff_id as string))]
  const [stores, staff] = await Promise.all([
    storeIds.length ? pos.listPosStores({ id: storeIds }, { select: ["id", "name", "code"] }) : [],
    staffIds.length ? pos.listPosStaffs({ id: staffIds }, { select: ["id", "first_name", "last_name"] }) : [],
  ])
  const storeName = new Map(stores.map((s) => [s.id, s.name]))
  const staffName = new Map(staff.map((s) => [s.id, [s.first_name, s.last_name].filter(Boolean).join(" ")]))

  res.json({
    order_id: orderId,
    decision: routing.decision,
    history: routing.history,
    tasks: tasks.map((task) => ({
      ...Object.fromEntries(STAFF_TASK_FIELDS.filter((f) => f !== "failed_check_ins").map((f) => [f, task[f]])),
      store_name: storeName.get(task.store_id) ?? null,
    })),
    returns: returns.map((r) => ({
      ...Object.fromEntries(RETURN_FIELDS.map((f) => [f, r[f]])),
      amount: amount(r.amount),
      new_items_amount: amount(r.new_items_amount),
      collected_amount: amount(r.collected_amount),
      store_name: storeName.get(r.store_id) ?? null,
      staff_name: staffName.get(r.staff_id) ?? null,
    })),
  })
}
