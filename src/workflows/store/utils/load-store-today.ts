import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { countQueue, startOfDayIn, TODAY_MAX_ROWS } from "../../../lib/store-today"
import type { QueueTask } from "../../../lib/queue-sections"
import { POS_MODULE } from "../../../modules/pos"
import { OfflineSaleStatus } from "../../../modules/pos/models/offline-sale"
import { ShiftStatus } from "../../../modules/pos/models/shift"
import { StockCountStatus } from "../../../modules/pos/models/stock-count"
import { StoreTaskStatus } from "../../../modules/pos/models/store-task"
import type PosModuleService from "../../../modules/pos/service"
import { loadShiftCash } from "../../shift/utils/load-shift-cash"

/**
 * One store's day for its manager: shifts open (with the cash the drawer
 * should hold now) and closed today (with their variances), the work queue's
 * counts, today's stock discrepancies, counts waiting for approval, and the
 * offline sales kept for a person (rejected or needing attention) that nobody
 * has resolved yet.
 */
export async function loadStoreToday(container: MedusaContainer, storeId: string, now = new Date()) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const store = await pos.retrievePosStore(storeId, { select: ["id", "name", "code", "timezone", "currency_code", "status"] })
  const from = startOfDayIn(store.timezone || "UTC", now)

  const [open, closed, tasks, discrepancies, counts, offline] = await Promise.all([
    pos.listPosShifts({ store_id: storeId, status: ShiftStatus.OPEN }, { order: { opened_at: "ASC" } }),
    pos.listPosShifts({ store_id: storeId, status: ShiftStatus.CLOSED, closed_at: { $gte: from } }, { order: { closed_at: "DESC" } }),
    pos.listPosStoreTasks(
      { store_id: storeId, status: [StoreTaskStatus.OPEN, StoreTaskStatus.PICKED, StoreTaskStatus.READY] },
      { select: ["id", "kind", "status", "lines", "arrived_at", "expires_at"] }
    ),
    query.graph({
      entity: "pos_inventory_discrepancy",
      fields: ["id", "created_at", "variant_id", "inventory_item_id", "sale_id", "task_id", "reason", "available_before", "quantity_added", "reversed_at"],
      filters: { store_id: storeId, created_at: { $gte: from } },
      pagination: { take: TODAY_MAX_ROWS, order: { created_at: "DESC" } },
    }),
    pos.listPosStockCounts(
      { store_id: storeId, status: StockCountStatus.PENDING_APPROVAL },
      { select: ["id", "label", "submitted_by", "submitted_at", "variance_units"], order: { submitted_at: "ASC" } }
    ),
    query.graph({
      entity: "pos_offline_sale",
      fields: ["id", "register_id", "client_txn_id", "recorded_at", "staff_id", "status", "sale_id", "order_id", "reason", "conflicts", "created_at"],
      filters: { store_id: storeId, status: [OfflineSaleStatus.REJECTED, OfflineSaleStatus.NEEDS_ATTENTION], resolved_at: null },
      pagination: { take: TODAY_MAX_ROWS, order: { created_at: "ASC" } },
    }),
  ])

  const shifts = [...open, ...closed]
  const [registers, staff] = await Promise.all([
    pos.listPosRegisters({ id: [...new Set(shifts.map((s) => s.register_id))] }, { select: ["id", "name"] }),
    pos.listPosStaffs(
      {
        id: [
          ...new Set(
            [...shifts.flatMap((s) => [s.opened_by, s.closed_by]), ...offline.data.map((o: any) => o.staff_id), ...counts.map((c) => c.submitted_by)].filter(
              Boolean
            ) as string[]
          ),
        ],
      },
      { select: ["id", "first_name", "last_name"] }
    ),
  ])
  const itemIds = [...new Set(discrepancies.data.map((d: any) => d.inventory_item_id))]
  const { data: items } = itemIds.length
    ? await query.graph({ entity: "inventory_item", fields: ["id", "sku", "title"], filters: { id: itemIds } })
    : { data: [] as any[] }
  const item = new Map(items.map((i: any) => [i.id, i]))
  const registerName = new Map(registers.map((r) => [r.id, r.name]))
  const staffName = new Map(staff.map((s) => [s.id, `${s.first_name} ${s.last_name}`.trim()]))
  const who = (id: string | null | undefined) => (id ? { id, name: staffName.get(id) ?? null } : null)

  const openShifts = await Promise.all(
    open.map(async (shift) => {
      const { amounts } = await loadShiftCash(pos, shift.id)
      return {
        id: shift.id,
        register: { id: shift.register_id, name: registerName.get(shift.register_id) ?? null },
        opened_by: who(shift.opened_by),
        opened_at: shift.opened_at,
        currency_code: shift.currency_code,
        opening_float: shift.opening_float,
        expected_cash: MathBN.add(shift.opening_float, ...amounts).toNumber(),
      }
    })
  )
  const closedShifts = closed.map((shift) => ({
    id: shift.id,
    register: { id: shift.register_id, name: registerName.get(shift.register_id) ?? null },
    opened_by: who(shift.opened_by),
    closed_by: who(shift.closed_by),
    opened_at: shift.opened_at,
    closed_at: shift.closed_at,
    currency_code: shift.currency_code,
    expected_cash: shift.expected_cash,
    counted_cash: shift.counted_cash,
    variance: shift.variance,
    variance_approved_by: who(shift.variance_approved_by),
  }))

  const queue = countQueue(tasks as unknown as (QueueTask & { expires_at?: string | Date | null })[], now)

  return {
    store,
    day: { from: from.toISOString(), timezone: store.timezone || "UTC" },
    shifts: { open: openShifts, closed: closedShifts },
    queue,
    discrepancies: discrepancies.data.map((d: any) => ({ ...d, sku: item.get(d.inventory_item_id)?.sku ?? null, title: item.get(d.inventory_item_id)?.title ?? null })),
    counts_pending_approval: counts.map((c) => ({ ...c, submitted_by: who(c.submitted_by) })),
    offline_sales: offline.data.map((o: any) => ({ ...o, staff: who(o.staff_id) })),
  }
}
