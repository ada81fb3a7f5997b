import { downloadCsv } from "../../lib/download"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"

export type AuditEntry = {
  id: string
  created_at: string
  actor_type: "user" | "staff" | "system"
  actor_id: string
  store_id: string | null
  action: string
  resource_type: string | null
  resource_id: string | null
  approved_by: string | null
  request_id: string | null
  data: Record<string, unknown> | null
}

export type AuditFilters = {
  store_id: string | null
  actor_id: string | null
  action: string | null
  /** local calendar days, YYYY-MM-DD */
  from: string | null
  to: string | null
}

export const NO_FILTERS: AuditFilters = { store_id: null, actor_id: null, action: null, from: null, to: null }

export const PAGE_SIZE = 50

/** Actions the plugin writes (docs/store-network.md, docs/routing.md); the select adds any other it sees. */
export const KNOWN_ACTIONS = [
  "access.denied",
  "count.applied",
  "manager_action.refused",
  "offline_sale.needs_attention",
  "offline_sale.rejected",
  "offline_sale.resolved",
  "order.refund",
  "pickup.arrived",
  "pickup.code_refused",
  "pickup.code_reissued",
  "pickup.collected",
  "pickup.expired",
  "pickup.ready",
  "pin.approved",
  "pin.locked",
  "pin.rejected",
  "receipt.emailed",
  "register.created",
  "register.updated",
  "return.override_rule",
  "return.refurbished_released",
  "routing.rules_saved",
  "sale.completed",
  "sale.tender_added",
  "sale.void_completed",
  "sale.void_tendered",
  "sale.voided",
  "shift.cash_in",
  "shift.cash_out",
  "shift.closed",
  "shift.opened",
  "staff.created",
  "staff.deactivated",
  "staff.membership_added",
  "staff.membership_changed",
  "staff.membership_removed",
  "staff.switched",
  "staff.updated",
  "store.disabled",
  "store.enabled",
  "task.picked",
  "task.shipped",
  "task.short_picked",
  "transfer.missing",
  "transfer.received",
]

const localDay = (day: string, end: boolean) => {
  const [y, m, d] = day.split("-").map(Number)
  // the whole local day: `to` is inclusive, so it reaches the last millisecond of that day
  return (end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d, 0, 0, 0, 0)).toISOString()
}

/** The filters as the list and the export take them. */
export function auditQuery(filters: AuditFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries({
      store_id: filters.store_id,
      actor_id: filters.actor_id,
      action: filters.action,
      from: filters.from ? localDay(filters.from, false) : null,
      to: filters.to ? localDay(filters.to, true) : null,
    }).filter(([, v]) => v)
  ) as Record<string, string>
}

export function useAuditLog(filters: AuditFilters, offset: number) {
  return useQuery({
    queryKey: ["pos_audit_log", filters, offset],
    queryFn: () =>
      sdk.client.fetch<{ audit_log: AuditEntry[]; count: number; offset: number; limit: number }>("/admin/pos/audit-log", {
        query: { ...auditQuery(filters), limit: PAGE_SIZE, offset },
      }),
    placeholderData: keepPreviousData,
  })
}

export type StaffRef = { id: string; first_name: string | null; last_name: string | null; email: string }
export type StoreRef = { id: string; name: string; code: string }

export function useStoresAndStaff() {
  return useQuery({
    queryKey: ["pos_audit_people"],
    queryFn: async () => {
      const [{ stores }, { staff }] = await Promise.all([
        sdk.client.fetch<{ stores: StoreRef[] }>("/admin/pos/stores", { query: { limit: 1000, fields: "id,name,code", order: "name" } }),
        sdk.client.fetch<{ staff: StaffRef[] }>("/admin/pos/staff", {
          query: { limit: 1000, fields: "id,first_name,last_name,email", order: "first_name" },
        }),
      ])
      return { stores, staff }
    },
  })
}

export const staffName = (s: StaffRef) => [s.first_name, s.last_name].filter(Boolean).join(" ") || s.email

/** Downloads the export with the same filters; says how many rows matched and whether the file holds them all. */
export async function downloadAuditCsv(filters: AuditFilters) {
  const response = await downloadCsv("/admin/pos/audit-log/export", auditQuery(filters), `pos-audit-log-${new Date().toISOString().slice(0, 10)}.csv`)
  return {
    matched: Number(response.headers.get("x-pos-rows-matched") ?? 0),
    truncated: response.headers.get("x-pos-truncated") === "true",
  }
}
