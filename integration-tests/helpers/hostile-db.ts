/**
 * Row counts and last changes of the tables a hostile request could touch,
 * to prove a refused request changed nothing: every pos_* table and the
 * Medusa tables the plugin's flows write (carts, orders, payments, refunds,
 * stock, reservations, customers, logins, the records a store creation makes).
 */
type Db = { raw: (sql: string, bindings?: unknown[]) => Promise<{ rows: any[] }> }

const MEDUSA_TABLES = [
  "cart",
  "cart_line_item",
  "cart_line_item_adjustment",
  "cart_shipping_method",
  "order",
  "order_item",
  "order_line_item",
  "order_change",
  "order_transaction",
  "return",
  "return_item",
  "payment_collection",
  "payment_session",
  "payment",
  "capture",
  "refund",
  "reservation_item",
  "inventory_item",
  "customer",
  "auth_identity",
  "provider_identity",
  "stock_location",
  "sales_channel",
  "fulfillment_set",
  "service_zone",
  "shipping_option",
  "fulfillment",
  "notification",
]

export type TableState = Record<string, { count: number; changed: string | null }>

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

/** The snapshot query, built once from the schema: count and newest updated_at per table, stock sums. */
export async function prepareSnapshot(db: Db) {
  const { rows } = await db.raw(
    `select t.table_name, exists (
       select 1 from information_schema.columns c
       where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'updated_at'
     ) as has_updated_at
     from information_schema.tables t
     where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
       and (t.table_name like 'pos\\_%' or t.table_name = any(?))
     order by t.table_name`,
    [MEDUSA_TABLES]
  )
  const parts = rows.map(
    (r: any) =>
      `select '${r.table_name}' as name, count(*)::int as count, ${
        r.has_updated_at ? "max(updated_at)::text" : "null::text"
      } as changed from ${quote(r.table_name)}`
  )
  parts.push(
    `select 'inventory_level' as name, count(*)::int as count,
       coalesce(sum(stocked_quantity), 0)::text || '/' || coalesce(sum(reserved_quantity), 0)::text || '/' || coalesce(max(updated_at)::text, '') as changed
     from inventory_level`
  )
  const sql = parts.join(" union all ")
  const tables = rows.map((r: any) => r.table_name as string)
  return {
    tables,
    async take(): Promise<TableState> {
      const { rows: state } = await db.raw(sql)
      return Object.fromEntries(state.map((s: any) => [s.name, { count: s.count, changed: s.changed }]))
    },
  }
}

/**
 * What changed between two snapshots, in words; `allowed` lists tables that
 * may change, with the exact number of rows they may gain (or "any").
 */
export function unexpectedChanges(before: TableState, after: TableState, allowed: Record<string, number | "any"> = {}) {
  const problems: string[] = []
  for (const [name, was] of Object.entries(before)) {
    const now = after[name]
    const allow = allowed[name]
    if (allow === "any") {
      continue
    }
    if (allow !== undefined) {
      if (now.count - was.count !== allow) {
        problems.push(`${name}: expected ${allow} new row(s), got ${now.count - was.count}`)
      }
      continue
    }
    if (now.count !== was.count) {
      problems.push(`${name}: ${was.count} → ${now.count} rows`)
    } else if (now.changed !== was.changed) {
      problems.push(`${name}: a row changed (${was.changed} → ${now.changed})`)
    }
  }
  return problems
}
