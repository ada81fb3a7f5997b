import { downloadCsv } from "../../lib/download"
import { useQuery } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"

/** The scorecard's answer (docs/reports.md), the parts the pages read. */
export type Scorecard = {
  from: string
  to: string
  timezone: string
  currency_code: string
  store_id: string | null
  targets: Partial<Record<TargetKey, number>>
  metrics: {
    sales?: {
      net_sales: number
      orders: number
      units: number
      average_order_value: number | null
      discounts: number
      returned_value: number
      net_after_returns: number
      by_channel: Record<"store" | "online", { orders: number; net_sales: number }>
      series: { bucket: string; orders: number; net_sales: number; store_net_sales: number; online_net_sales: number }[]
    }
    tender_mix?: { tenders: { tender: string; amount: number; share: number | null }[] }
    bopis?: { online_orders: number; pickup_orders: number; adoption: number | null; collected: number; expired: number; collection_hours: Hours }
    fulfilment?: { nodes: { node_type: string; node_id: string; node_name: string; kind: string; tasks: number; done: number; median_hours: number | null; p90_hours: number | null }[] }
    promise?: { measured: number; kept: number; accuracy: number | null; pickup: { sla_hours: number }; ship: { sla_hours: number } }
    returns?: { sold_units: number; returned_units: number; return_rate: number | null; turn_time_hours: Hours; dispositions: Record<string, number>; boris_share: number | null; in_store_returns: number }
    inventory_accuracy?: { counted_lines: number; accurate_lines: number; accuracy: number | null; discrepancies: { items_in_hand: number; short_picks: number } }
    pick_accuracy?: { pick_lines: number; short_lines: number; accuracy: number | null }
    exceptions?: { stores: ExceptionRow[]; staff: (ExceptionRow & { staff_id: string; staff_name: string | null })[] }
    staff_productivity?: { stores: ProductivityRow[]; staff: (ProductivityRow & { staff_id: string; staff_name: string | null })[] }
    endless_aisle?: { orders: number; units: number; net_sales: number; share_of_store_sales: number | null }
    omnichannel_customers?: {
      omnichannel: Segment
      single_channel: Segment
      aov_uplift: number | null
    }
    promotions?: { promotion_id: string | null; code: string | null; orders: number; discount: number; net_sales: number }[]
    basket?: { products: { id: string; title: string }[]; orders: number }[]
    gmroi?: { network: GmroiRow | null; stores: GmroiRow[]; categories: GmroiRow[] }
  }
}
export type TargetKey = "inventory_accuracy" | "promise_accuracy" | "pick_accuracy" | "bopis_adoption" | "return_rate" | "void_rate" | "gmroi"
type Hours = { median: number | null; p90: number | null }
type Segment = { customers: number; orders: number; net_sales: number; average_order_value: number | null }
export type ExceptionRow = { store_id: string; store_name: string | null; sales: number; voids: number; void_rate: number | null; approvals: number; offline_exceptions: number; exception_rate: number | null }
export type ProductivityRow = { store_id: string; store_name: string | null; shift_hours: number; orders: number; net_sales: number; sales_per_shift_hour: number | null }
export type GmroiRow = { id: string | null; name: string | null; gmroi: number | null; gross_margin: number; average_inventory_cost: number | null; uncosted_units: number; units: number }

export type ScorecardFilters = { from: string; to: string; store_id: string | null }

export function scorecardQuery(filters: ScorecardFilters, metrics?: string[]): Record<string, string> {
  return {
    from: filters.from,
    to: filters.to,
    ...(filters.store_id ? { store_id: filters.store_id } : {}),
    ...(metrics ? { metrics: metrics.join(",") } : {}),
  }
}

export function useScorecard(filters: ScorecardFilters, metrics?: string[]) {
  return useQuery({
    queryKey: ["pos_scorecard", filters, metrics ?? "all"],
    queryFn: () => sdk.client.fetch<{ report: Scorecard }>("/admin/pos/reports", { query: scorecardQuery(filters, metrics) }),
  })
}

/** The same numbers as CSV, saved under the server's file name. */
export async function downloadScorecardCsv(filters: ScorecardFilters) {
  await downloadCsv("/admin/pos/reports/export", scorecardQuery(filters), "pos-scorecard.csv")
}

/** A share as a percentage with one decimal ("97.5%", a whole one without: "97%"), or a dash when there was nothing to measure. */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined) {
    return "–"
  }
  const tenths = Math.round(share * 1000)
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}%`
}

export function hours(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : `${value.toFixed(1)} h`
}

/** YYYY-MM-DD `days` before a day (calendar arithmetic, no clock). */
export function daysBefore(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number)
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10)
}

export function today(): string {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`
}
