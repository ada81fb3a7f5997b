import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { addDays } from "../lib/report-range"
import type { ReportSettings } from "../modules/pos/options"

/**
 * The omnichannel scorecard (docs/reports.md): each metric one SQL statement
 * over Medusa's orders and the plugin's tables, aggregated in Postgres. Nothing
 * here loads orders into JavaScript; the rows that come back are aggregates
 * (a metric, a store, a day), whose numbers Postgres has already rounded.
 */

export const REPORT_METRICS = [
  "sales",
  "tender_mix",
  "bopis",
  "fulfilment",
  "promise",
  "returns",
  "inventory_accuracy",
  "pick_accuracy",
  "exceptions",
  "staff_productivity",
  "endless_aisle",
  "omnichannel_customers",
  "promotions",
  "basket",
  "gmroi",
] as const
export type ReportMetric = (typeof REPORT_METRICS)[number]
export type ReportGroupBy = "day" | "week" | "store"
export type ReportChannel = "store" | "online"

export type ScorecardQuery = {
  /** first day, YYYY-MM-DD in `timezone` */
  from: string
  /** last day, included */
  to: string
  timezone: string
  currency_code: string
  store_id: string | null
  channel: ReportChannel | null
  group_by: ReportGroupBy
  metrics: ReportMetric[]
  settings: ReportSettings
  /** the clock (tests); the UTC day of `now` is the day today's live stock stands for */
  now?: Date
}

type Row = Record<string, any>

/** The statement's named bindings (`:from`…); every statement gets them all. */
type Bindings = Record<string, string | number | null>

/**
 * The orders in scope: placed in the range (in the report's time zone), in the
 * currency, not drafts, not canceled. `channel` is "store" for an order a till
 * placed (a completed POS sale), otherwise "online". `store_id` is the till's
 * store, or for an online order the store serving it (its pickup store, else
 * the first store given a task); an online order no store serves has none.
 */
/**
 * The adjustments of the lines in `items` at the order's version (Medusa writes them anew for each version, as it
 * reads them: exactly that version; a promotion an edit removed has none there), each
 * marked when its code is store credit a return issued (a tender, not a discount).
 */
const ADJUSTMENTS = `adj as (
  select order_id, item_id, promotion_id, code, amount,
    exists (select 1 from pos_return r where r.store_credit_code = x.code and r.deleted_at is null) as is_credit
  from (
    select i.order_id, a.item_id, a.promotion_id, a.code, a.amount
    from items i
    join order_line_item_adjustment a on a.item_id = i.item_id and a.deleted_at is null and a.version = i.version
  ) x
)`

const BUILD_SCOPE: [table: string | null, sql: string][] = [
  [
    "pos_report_scoped",
    `with
served as (
  -- the store serving an online order: its pickup store, else the first store given a task for it (tasks come after
  -- their order, so only those created since the range began)
  select distinct on (t.order_id) t.order_id, t.store_id
  from pos_store_task t
  where t.deleted_at is null and t.status <> 'canceled' and t.created_at >= (cast(:from as timestamp) at time zone :tz)
  order by t.order_id, (t.kind = 'pickup') desc, t.created_at
),
base as (
  select o.id as order_id, o.created_at, o.customer_id, o.version,
    case when s.id is null then 'online' else 'store' end as channel,
    coalesce(s.store_id, served.store_id) as store_id,
    s.id as sale_id, s.staff_id
  from "order" o
  left join pos_sale s on s.order_id = o.id and s.status = 'completed' and s.deleted_at is null
  left join served on s.id is null and served.order_id = o.id
  where o.deleted_at is null and o.is_draft_order = false and o.status <> 'canceled'
    and o.currency_code = :currency
    and o.created_at >= (cast(:from as timestamp) at time zone :tz)
    and o.created_at < (cast(:to as timestamp) at time zone :tz)
    -- one store: only the orders it sold or was given work for (the rest are attributed below and dropped anyway)
    and (cast(:store as text) is null or o.id in (
      select order_id from pos_sale where store_id = :store and status = 'completed' and deleted_at is null and order_id is not null
      union all
      select order_id from pos_store_task where store_id = :store and deleted_at is null
    ))
),
scoped as (
  select *, (cast(:store as text) is null or store_id = :store) and (cast(:channel as text) is null or channel = :channel) as in_scope
  from base
)
select * from scoped`,
  ],
  // the lines at the order's version, with their cost, first category and whether they were sold from another
  // node's stock; their discounts are set below, from the adjustments
  [
    "pos_report_lines",
    `with first_category as (
  select product_id, min(product_category_id) as category_id from product_category_product group by product_id
)
select sc.order_id, sc.created_at, sc.channel, sc.store_id, sc.staff_id, sc.customer_id, sc.version,
  li.id as item_id, li.variant_id, li.product_id, li.product_title,
  (li.metadata -> 'pos_endless_aisle') is not null as endless_aisle,
  oi.quantity,
  -- back in stock or dismissed (damaged, refurbish, quarantine): Medusa keeps the two apart
  oi.return_received_quantity + oi.return_dismissed_quantity as returned_quantity,
  -- an order edit's price is on the order item (Medusa's own reading: the item's, else the line's)
  coalesce(oi.unit_price, li.unit_price) * oi.quantity as gross,
  cast(0 as numeric) as discount,
  cast(0 as numeric) as credit,
  coalesce(oi.unit_price, li.unit_price) * oi.quantity as net,
  vc.amount as unit_cost,
  fc.category_id
from pos_report_scoped sc
join order_item oi on oi.order_id = sc.order_id and sc.in_scope and oi.version = sc.version and oi.deleted_at is null
join order_line_item li on li.id = oi.item_id and li.deleted_at is null
left join pos_variant_cost vc on vc.variant_id = li.variant_id and vc.currency_code = :currency and vc.deleted_at is null
left join first_category fc on fc.product_id = li.product_id`,
  ],
  // the adjustments of those lines (promotions, and store credit a return issued)
  ["pos_report_adj", `with items as (select order_id, item_id, version from pos_report_lines), ${ADJUSTMENTS} select * from adj`],
  // the lines' discounts (store credit apart: a tender) and net
  [
    null,
    `update pos_report_lines l set discount = d.discount, credit = d.credit, net = l.gross - d.discount
from (
  select item_id, sum(case when is_credit then 0 else amount end) as discount, sum(case when is_credit then amount else 0 end) as credit
  from pos_report_adj group by item_id
) d
where d.item_id = l.item_id`,
  ],
]

/** The metrics' view of the scope: the report's temporary tables, written once per report (see `scorecard`). */
const SCOPE = `scoped as (select * from pos_report_scoped where in_scope),
adj as (select * from pos_report_adj),
lines as (select * from pos_report_lines)`

/** the range's bounds as timestamps (the report's days in its time zone) */
const RANGE = `(cast(:from as timestamp) at time zone :tz)`
const RANGE_END = `(cast(:to as timestamp) at time zone :tz)`

const money = (expr: string) => `round(coalesce(${expr}, 0), cast(:decimals as int))`
const share = (part: string, whole: string) => `case when coalesce(${whole}, 0) = 0 then null else round(cast(${part} as numeric) / ${whole}, 4) end`
const hours = (later: string, earlier: string) => `extract(epoch from (${later} - ${earlier})) / 3600`
const percentile = (p: number, expr: string, where: string) =>
  `round(cast(percentile_cont(${p}) within group (order by ${expr}) filter (where ${where}) as numeric), 2)`

async function rows(knex: Knex, sql: string, bindings: Bindings): Promise<Row[]> {
  const result = await knex.raw(sql, bindings as any)
  return (result?.rows ?? result) as Row[]
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value))

function bucketExpr(groupBy: ReportGroupBy): string {
  if (groupBy === "store") {
    return `coalesce(store_id, 'unattributed')`
  }
  return `to_char(date_trunc('${groupBy}', created_at at time zone :tz), 'YYYY-MM-DD')`
}

async function sales(knex: Knex, q: ScorecardQuery, b: Bindings) {
  // one pass: the lines summed per order, then per bucket and for the whole range (the empty grouping set)
  const found = await rows(
    knex,
    `with ${SCOPE},
    per_order as (
      select order_id, max(created_at) as created_at, max(store_id) as store_id, max(channel) as channel,
        sum(quantity) as units, sum(gross) as gross, sum(discount) as discount, sum(net) as net, sum(returned_quantity) as returned_units,
        sum(case when quantity > 0 then net * returned_quantity / quantity else 0 end) as returned_value
      from lines group by order_id
    ),
    bucketed as (select ${bucketExpr(q.group_by)} as bucket, * from per_order)
    select grouping(bucket) as whole_range, bucket, count(*) as orders, coalesce(sum(units), 0) as units,
      ${money("sum(gross)")} as gross_sales, ${money("sum(discount)")} as discounts, ${money("sum(net)")} as net_sales,
      coalesce(sum(returned_units), 0) as returned_units, ${money("sum(returned_value)")} as returned_value,
      ${money("sum(net) - sum(returned_value)")} as net_after_returns,
      ${money("sum(net) / nullif(count(*), 0)")} as average_order_value,
      count(*) filter (where channel = 'store') as store_orders, ${money("sum(net) filter (where channel = 'store')")} as store_net_sales,
      count(*) filter (where channel = 'online') as online_orders, ${money("sum(net) filter (where channel = 'online')")} as online_net_sales
    from bucketed group by grouping sets ((bucket), ()) order by whole_range, bucket`,
    b
  )
  const totals = found.find((r) => Number(r.whole_range) === 1)!
  const series = found.filter((r) => Number(r.whole_range) === 0)
  const aov = (net: unknown, orders: unknown) => (Number(orders) ? num(net) : null)
  return {
    net_sales: num(totals.net_sales),
    gross_sales: num(totals.gross_sales),
    discounts: num(totals.discounts),
    orders: Number(totals.orders),
    units: Number(totals.units),
    average_order_value: aov(totals.average_order_value, totals.orders),
    returned_units: Number(totals.returned_units),
    returned_value: num(totals.returned_value),
    net_after_returns: num(totals.net_after_returns),
    by_channel: {
      store: { orders: Number(totals.store_orders), net_sales: num(totals.store_net_sales) },
      online: { orders: Number(totals.online_orders), net_sales: num(totals.online_net_sales) },
    },
    group_by: q.group_by,
    series: series.map((r) => ({
      bucket: r.bucket,
      orders: Number(r.orders),
      units: Number(r.units),
      net_sales: num(r.net_sales),
      store_net_sales: num(r.store_net_sales),
      online_net_sales: num(r.online_net_sales),
    })),
  }
}

async function tenderMix(knex: Knex, b: Bindings) {
  const found = await rows(
    knex,
    `with ${SCOPE}
    select tender, ${money("sum(amount)")} as amount, ${share("sum(amount)", "sum(sum(amount)) over ()")} as share from (
      select case when t.type = 'cash' then 'cash' else 'card_present' end as tender, t.amount
      from scoped sc join pos_tender t on t.sale_id = sc.sale_id and t.status = 'succeeded' and t.deleted_at is null
      where t.type in ('cash', 'card')
      union all
      -- gift cards and store credit (the loyalty plugin's), in any channel: what the order's credit lines say they paid
      select case when cl.reference = 'gift-card' then 'gift_card' else 'store_credit' end, cl.amount
      from scoped sc join order_credit_line cl on cl.order_id = sc.order_id and cl.version = sc.version and cl.deleted_at is null
      where cl.reference in ('gift-card', 'store-credit') and cl.amount > 0
      union all
      select case when p.provider_id like '%stripe%' then 'card_online' else 'other' end, p.amount
      from scoped sc
      join order_payment_collection opc on opc.order_id = sc.order_id and opc.deleted_at is null
      join payment p on p.payment_collection_id = opc.payment_collection_id and p.deleted_at is null and p.canceled_at is null
      where sc.channel = 'online'

      union all
      select 'store_credit', credit from lines where credit <> 0
    ) t group by tender`,
    b
  )
  const tenders = ["cash", "card_present", "card_online", "gift_card", "store_credit", "other"] as const
  const byTender = new Map(found.map((r) => [r.tender as string, r]))
  return {
    tenders: tenders.map((tender) => ({ tender, amount: Number(byTender.get(tender)?.amount ?? 0), share: num(byTender.get(tender)?.share) })),
  }
}

async function bopis(knex: Knex, b: Bindings) {
  const [r] = await rows(
    knex,
    `with ${SCOPE},
    pickups as (
      select t.* from scoped sc join pos_store_task t on t.order_id = sc.order_id and t.kind = 'pickup' and t.deleted_at is null and t.status <> 'canceled'
      where sc.channel = 'online'
    )
    select
      (select count(*) from scoped where channel = 'online') as online_orders,
      (select count(distinct order_id) from pickups) as pickup_orders,
      (select count(*) from pickups where status = 'collected') as collected,
      (select count(*) from pickups where status = 'expired') as expired,
      (select count(*) from pickups where status in ('open', 'picked', 'ready')) as waiting,
      (select ${percentile(0.5, hours("collected_at", "ready_at"), "collected_at is not null and ready_at is not null")} from pickups) as collection_median_hours,
      (select ${percentile(0.9, hours("collected_at", "ready_at"), "collected_at is not null and ready_at is not null")} from pickups) as collection_p90_hours`,
    b
  )
  const online = Number(r.online_orders)
  const pickup = Number(r.pickup_orders)
  return {
    online_orders: online,
    pickup_orders: pickup,
    adoption: online ? round4(pickup / online) : null,
    collected: Number(r.collected),
    expired: Number(r.expired),
    waiting: Number(r.waiting),
    collection_hours: { median: num(r.collection_median_hours), p90: num(r.collection_p90_hours) },
  }
}

/** integer ratios only (counts over counts): exact to 4 places */
function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000
}

/**
 * Each node's fulfilment work for the orders in scope: a store's tasks (placed
 * → ready for pickup or shipped), and for online orders Medusa's fulfilments
 * from locations that are no store's (warehouses: placed → shipped).
 */
const NODE_WORK = `
work as (
  -- a store's tasks for orders in the range (one store: its own tasks, whichever store the order counts for)
  select 'store' as node_type, t.store_id as node_id, t.kind,
    sc.created_at as placed_at,
    case when t.kind = 'ship' then t.shipped_at else t.ready_at end as done_at
  from pos_report_scoped sc
  join pos_store_task t on t.order_id = sc.order_id and t.deleted_at is null and t.status <> 'canceled'
  where case when cast(:store as text) is null then sc.in_scope
        else t.store_id = :store and (cast(:channel as text) is null or sc.channel = :channel) end
  union all
  -- the network's other shipments: Medusa's fulfilments of online orders from locations that are no store's
  select 'location', f.location_id, 'ship', sc.created_at, f.shipped_at
  from scoped sc
  join order_fulfillment ofu on ofu.order_id = sc.order_id and ofu.deleted_at is null
  join fulfillment f on f.id = ofu.fulfillment_id and f.deleted_at is null and f.canceled_at is null
  where sc.channel = 'online' and cast(:store as text) is null
    and not exists (select 1 from pos_pos_store_stock_location_stock_location l where l.stock_location_id = f.location_id and l.deleted_at is null)
  union all
  -- online orders nothing has fulfilled yet and no store was given: not done, late once past the ship promise
  select 'unassigned', null, 'ship', sc.created_at, null
  from scoped sc
  where sc.channel = 'online' and cast(:store as text) is null
    and not exists (select 1 from pos_store_task t where t.order_id = sc.order_id and t.deleted_at is null and t.status <> 'canceled')
    and not exists (select 1 from order_fulfillment ofu where ofu.order_id = sc.order_id and ofu.deleted_at is null)
),
timed as (
  select *, ${hours("done_at", "placed_at")} as hours_taken,
    case when kind = 'ship' then cast(:ship_sla as numeric) else cast(:pickup_sla as numeric) end as sla
  from work
)`

async function fulfilment(knex: Knex, b: Bindings) {
  const found = await rows(
    knex,
    `with ${SCOPE}, ${NODE_WORK}
    select node_type, node_id, kind, coalesce(ps.name, sl.name, node_id, 'Not fulfilled yet') as node_name,
      count(*) as tasks, count(*) filter (where done_at is not null) as done,
      ${percentile(0.5, "hours_taken", "done_at is not null")} as median_hours,
      ${percentile(0.9, "hours_taken", "done_at is not null")} as p90_hours
    from timed
    left join pos_store ps on node_type = 'store' and ps.id = node_id
    left join stock_location sl on node_type = 'location' and sl.id = node_id
    group by node_type, node_id, kind, ps.name, sl.name
    order by case node_type when 'store' then 0 when 'location' then 1 else 2 end, node_name, kind`,
    b
  )
  return {
    nodes: found.map((r) => ({
      node_type: r.node_type,
      node_id: r.node_id,
      node_name: r.node_name,
      kind: r.kind,
      tasks: Number(r.tasks),
      done: Number(r.done),
      median_hours: num(r.median_hours),
      p90_hours: num(r.p90_hours),
    })),
  }
}

async function promise(knex: Knex, q: ScorecardQuery, b: Bindings) {
  const [r] = await rows(
    knex,
    `with ${SCOPE}, ${NODE_WORK},
    judged as (
      select kind,
        case when done_at is not null then hours_taken <= sla
             when ${hours("least(now(), " + RANGE_END + ")", "placed_at")} > sla then false
             else null end as kept
      from timed
    )
    select count(*) filter (where kept is not null) as measured, count(*) filter (where kept) as kept,
      count(*) filter (where kept is not null and kind = 'pickup') as pickup_measured, count(*) filter (where kept and kind = 'pickup') as pickup_kept,
      count(*) filter (where kept is not null and kind = 'ship') as ship_measured, count(*) filter (where kept and kind = 'ship') as ship_kept
    from judged`,
    b
  )
  const ratio = (kept: unknown, measured: unknown) => (Number(measured) ? round4(Number(kept) / Number(measured)) : null)
  return {
    measured: Number(r.measured),
    kept: Number(r.kept),
    accuracy: ratio(r.kept, r.measured),
    pickup: { measured: Number(r.pickup_measured), kept: Number(r.pickup_kept), accuracy: ratio(r.pickup_kept, r.pickup_measured), sla_hours: q.settings.pickup_sla_hours },
    ship: { measured: Number(r.ship_measured), kept: Number(r.ship_kept), accuracy: ratio(r.ship_kept, r.ship_measured), sla_hours: q.settings.ship_sla_hours },
  }
}

async function returns(knex: Knex, b: Bindings) {
  const [cohort] = await rows(
    knex,
    `with ${SCOPE} select coalesce(sum(quantity), 0) as sold, coalesce(sum(returned_quantity), 0) as returned from lines`,
    b
  )
  const storeLines = await rows(
    knex,
    `with r as (
      select r.id, r.order_id, r.received_at, r.return_id, r.lines,
        exists (select 1 from pos_sale s where s.order_id = r.order_id and s.status = 'completed' and s.deleted_at is null) as from_till
      from pos_return r
      where r.deleted_at is null and r.currency_code = :currency
        and r.received_at >= ${RANGE} and r.received_at < ${RANGE_END}
        and (cast(:store as text) is null or r.store_id = :store)
    ),
    l as (
      select r.*, e.value ->> 'disposition' as disposition, cast(e.value ->> 'quantity' as numeric) as quantity,
        cast(e.value ->> 'restocked_at' as timestamptz) as restocked_at
      from r cross join lateral jsonb_array_elements(r.lines) e
    )
    select 'disposition' as kind, disposition as key, sum(quantity) as value, null as extra from l group by disposition
    union all
    select 'turn', 'median', ${percentile(0.5, hours("restocked_at", "received_at"), "restocked_at is not null")}, null from l
    union all
    select 'turn', 'p90', ${percentile(0.9, hours("restocked_at", "received_at"), "restocked_at is not null")}, null from l
    union all
    select 'turn', 'waiting_units', coalesce(sum(quantity) filter (where restocked_at is null and disposition = 'refurbish'), 0), null from l
    union all
    select 'count', 'in_store', count(*), null from r
    union all
    select 'count', 'in_store_of_online_orders', count(*) filter (where not from_till), null from r`,
    b
  )
  const [online] = await rows(
    knex,
    `select count(*) as returns from "return" rt join "order" o on o.id = rt.order_id
    where rt.deleted_at is null and rt.canceled_at is null and rt.received_at >= ${RANGE} and rt.received_at < ${RANGE_END}
      and o.currency_code = :currency
      and not exists (select 1 from pos_sale s where s.order_id = rt.order_id and s.status = 'completed' and s.deleted_at is null)`,
    b
  )
  const pick = (kind: string, key: string) => storeLines.find((r) => r.kind === kind && r.key === key)?.value
  const sold = Number(cohort.sold)
  const boris = Number(pick("count", "in_store_of_online_orders") ?? 0)
  const onlineReturns = Number(online.returns)
  return {
    sold_units: sold,
    returned_units: Number(cohort.returned),
    return_rate: sold ? round4(Number(cohort.returned) / sold) : null,
    turn_time_hours: { median: num(pick("turn", "median")), p90: num(pick("turn", "p90")) },
    units_awaiting_refurbishment: Number(pick("turn", "waiting_units") ?? 0),
    dispositions: Object.fromEntries(storeLines.filter((r) => r.kind === "disposition").map((r) => [r.key, Number(r.value)])),
    in_store_returns: Number(pick("count", "in_store") ?? 0),
    online_orders_returned_in_store: boris,
    online_order_returns: onlineReturns,
    // the network's share: with one store, the denominator (every online order's return) is not that store's
    boris_share: b.store || !onlineReturns ? null : round4(Math.min(boris, onlineReturns) / onlineReturns),
  }
}

async function inventoryAccuracy(knex: Knex, q: ScorecardQuery, b: Bindings) {
  const [r] = await rows(
    knex,
    `select
      (select count(*) from pos_stock_count c join pos_stock_count_line l on l.count_id = c.id and l.deleted_at is null
        where c.deleted_at is null and c.status = 'applied' and c.applied_at >= ${RANGE} and c.applied_at < ${RANGE_END}
          and (cast(:store as text) is null or c.store_id = :store) and l.counted is not null and l.expected is not null) as counted,
      (select count(*) from pos_stock_count c join pos_stock_count_line l on l.count_id = c.id and l.deleted_at is null
        where c.deleted_at is null and c.status = 'applied' and c.applied_at >= ${RANGE} and c.applied_at < ${RANGE_END}
          and (cast(:store as text) is null or c.store_id = :store) and l.counted is not null and l.expected is not null
          and abs(l.counted - l.expected) <= cast(:tolerance as int)) as accurate,
      (select count(*) from pos_inventory_discrepancy d where d.deleted_at is null and d.reversed_at is null and d.sale_id is not null
        and d.created_at >= ${RANGE} and d.created_at < ${RANGE_END} and (cast(:store as text) is null or d.store_id = :store)) as items_in_hand,
      (select count(*) from pos_inventory_discrepancy d where d.deleted_at is null and d.task_id is not null
        and d.created_at >= ${RANGE} and d.created_at < ${RANGE_END} and (cast(:store as text) is null or d.store_id = :store)) as short_picks`,
    b
  )
  const counted = Number(r.counted)
  return {
    counted_lines: counted,
    accurate_lines: Number(r.accurate),
    accuracy: counted ? round4(Number(r.accurate) / counted) : null,
    tolerance_units: q.settings.count_tolerance_units,
    discrepancies: { items_in_hand: Number(r.items_in_hand), short_picks: Number(r.short_picks) },
  }
}

async function pickAccuracy(knex: Knex, b: Bindings) {
  const [r] = await rows(
    knex,
    `with picked as (
      select t.id, jsonb_array_length(t.lines) as lines
      from pos_store_task t
      where t.deleted_at is null and t.created_at >= ${RANGE} and t.created_at < ${RANGE_END}
        and (cast(:store as text) is null or t.store_id = :store)
        and (t.status in ('picked', 'ready', 'shipped', 'collected', 'expired')
          or exists (select 1 from pos_inventory_discrepancy d where d.task_id = t.id and d.deleted_at is null))
    )
    select coalesce(sum(lines), 0) as pick_lines,
      (select count(distinct (d.task_id, d.variant_id)) from pos_inventory_discrepancy d where d.deleted_at is null and d.task_id in (select id from picked)) as short_lines
    from picked`,
    b
  )
  const lines = Number(r.pick_lines)
  return { pick_lines: lines, short_lines: Number(r.short_lines), accuracy: lines ? round4(1 - Number(r.short_lines) / lines) : null }
}

async function exceptions(knex: Knex, b: Bindings) {
  const found = await rows(
    knex,
    `with ev as (
      select s.store_id, s.staff_id, case when s.status = 'voided' then 'void' else 'sale' end as kind
      from pos_sale s
      where s.deleted_at is null and s.currency_code = :currency and s.status in ('completed', 'voided')
        and coalesce(s.completed_at, s.voided_at) >= ${RANGE} and coalesce(s.completed_at, s.voided_at) < ${RANGE_END}
      union all
      select a.store_id, a.requested_by, 'approval' from pos_approval a
      where a.deleted_at is null and a.used_at >= ${RANGE} and a.used_at < ${RANGE_END}
      union all
      select o.store_id, o.staff_id, 'offline' from pos_offline_sale o
      where o.deleted_at is null and o.status in ('rejected', 'needs_attention') and o.created_at >= ${RANGE} and o.created_at < ${RANGE_END}
    )
    select ev.store_id, ev.staff_id, grouping(ev.staff_id) as per_store,
      max(ps.name) as store_name, max(concat_ws(' ', st.first_name, st.last_name)) as staff_name,
      count(*) filter (where kind = 'sale') as sales, count(*) filter (where kind = 'void') as voids,
      count(*) filter (where kind = 'approval') as approvals, count(*) filter (where kind = 'offline') as offline_exceptions
    from ev
    left join pos_store ps on ps.id = ev.store_id
    left join pos_staff st on st.id = ev.staff_id
    where cast(:store as text) is null or ev.store_id = :store
    group by grouping sets ((ev.store_id), (ev.store_id, ev.staff_id))
    order by ev.store_id, per_store desc, ev.staff_id`,
    b
  )
  const shape = (r: Row) => {
    const sales = Number(r.sales)
    const voids = Number(r.voids)
    const exceptionsCount = Number(r.approvals) + Number(r.offline_exceptions)
    return {
      store_id: r.store_id,
      store_name: r.store_name,
      sales,
      voids,
      void_rate: sales + voids ? round4(voids / (sales + voids)) : null,
      approvals: Number(r.approvals),
      offline_exceptions: Number(r.offline_exceptions),
      exception_rate: sales ? round4(exceptionsCount / sales) : null,
    }
  }
  return {
    stores: found.filter((r) => Number(r.per_store) === 1).map(shape),
    staff: found.filter((r) => Number(r.per_store) === 0).map((r) => ({ ...shape(r), staff_id: r.staff_id, staff_name: r.staff_name })),
  }
}

async function staffProductivity(knex: Knex, b: Bindings) {
  const found = await rows(
    knex,
    `with ${SCOPE},
    worked as (
      select sh.store_id, sh.opened_by as staff_id,
        sum(greatest(0, ${hours(`least(coalesce(sh.closed_at, now()), ${RANGE_END})`, `greatest(sh.opened_at, ${RANGE})`)})) as hours_worked
      from pos_shift sh
      where sh.deleted_at is null and sh.currency_code = :currency and sh.opened_at < ${RANGE_END} and coalesce(sh.closed_at, now()) > ${RANGE}
        and (cast(:store as text) is null or sh.store_id = :store)
      group by 1, 2
    ),
    sold as (
      select store_id, staff_id, count(distinct order_id) as orders, sum(net) as net
      from lines where channel = 'store' group by 1, 2
    ),
    joined as (
      select coalesce(w.store_id, s.store_id) as store_id, coalesce(w.staff_id, s.staff_id) as staff_id,
        coalesce(w.hours_worked, 0) as hours_worked, coalesce(s.orders, 0) as orders, coalesce(s.net, 0) as net
      from worked w full join sold s on s.store_id = w.store_id and s.staff_id = w.staff_id
    )
    select j.store_id, j.staff_id, grouping(j.staff_id) as per_store, max(ps.name) as store_name, max(concat_ws(' ', st.first_name, st.last_name)) as staff_name,
      round(cast(sum(j.hours_worked) as numeric), 2) as shift_hours, sum(j.orders) as orders, ${money("sum(j.net)")} as net_sales,
      case when sum(j.hours_worked) > 0 then ${money("sum(j.net) / cast(sum(j.hours_worked) as numeric)")} end as sales_per_hour
    from joined j left join pos_store ps on ps.id = j.store_id left join pos_staff st on st.id = j.staff_id
    group by grouping sets ((j.store_id), (j.store_id, j.staff_id))
    order by j.store_id, per_store desc, j.staff_id`,
    b
  )
  const shape = (r: Row) => ({
    store_id: r.store_id,
    store_name: r.store_name,
    shift_hours: Number(r.shift_hours),
    orders: Number(r.orders),
    net_sales: num(r.net_sales),
    sales_per_shift_hour: num(r.sales_per_hour),
  })
  return {
    stores: found.filter((r) => Number(r.per_store) === 1).map(shape),
    staff: found.filter((r) => Number(r.per_store) === 0).map((r) => ({ ...shape(r), staff_id: r.staff_id, staff_name: r.staff_name })),
  }
}

async function endlessAisle(knex: Knex, b: Bindings) {
  const [r] = await rows(
    knex,
    `with ${SCOPE}
    select count(distinct order_id) filter (where ea) as orders, coalesce(sum(quantity) filter (where ea), 0) as units,
      ${money("sum(net) filter (where ea)")} as net_sales, ${share("coalesce(sum(net) filter (where ea), 0)", "sum(net)")} as share
    from (select *, endless_aisle as ea from lines where channel = 'store') l`,
    b
  )
  return { orders: Number(r.orders), units: Number(r.units), net_sales: num(r.net_sales), share_of_store_sales: num(r.share) }
}

async function omnichannelCustomers(knex: Knex, b: Bindings) {
  const found = await rows(
    knex,
    `with ${SCOPE},
    per_order as (select order_id, customer_id, channel, sum(net) as net from lines where customer_id is not null group by 1, 2, 3),
    per_customer as (
      select customer_id, count(*) as orders, sum(net) as net, bool_or(channel = 'store') and bool_or(channel = 'online') as omni
      from per_order group by customer_id
    )
    select case when omni then 'omnichannel' else 'single_channel' end as segment,
      count(*) as customers, sum(orders) as orders, ${money("sum(net)")} as net_sales,
      ${money("sum(net) / nullif(sum(orders), 0)")} as aov,
      round((sum(net) / nullif(sum(orders), 0)) / nullif(sum(sum(net) / nullif(sum(orders), 0)) filter (where not omni) over (), 0) - 1, 4) as uplift
    from per_customer group by omni`,
    b
  )
  const segment = (name: string) => {
    const r = found.find((x) => x.segment === name)
    return r
      ? { customers: Number(r.customers), orders: Number(r.orders), net_sales: num(r.net_sales), average_order_value: num(r.aov), orders_per_customer: round4(Number(r.orders) / Number(r.customers)) }
      : { customers: 0, orders: 0, net_sales: 0, average_order_value: null, orders_per_customer: null }
  }
  const omni = segment("omnichannel")
  const single = segment("single_channel")
  return { omnichannel: omni, single_channel: single, aov_uplift: num(found.find((x) => x.segment === "omnichannel")?.uplift) }
}

async function promotions(knex: Knex, b: Bindings) {
  const found = await rows(
    knex,
    `with ${SCOPE},
    used as (
      select coalesce(promotion_id, code) as promotion_key, max(promotion_id) as promotion_id, max(code) as code, sum(amount) as discount
      from adj where not is_credit group by 1
    ),
    promo_orders as (select distinct coalesce(promotion_id, code) as promotion_key, order_id from adj where not is_credit),
    order_net as (select order_id, sum(net) as net from lines group by order_id)
    select u.promotion_id, u.code, ${money("u.discount")} as discount, count(po.order_id) as orders, ${money("sum(n.net)")} as net_sales
    from used u
    join promo_orders po on po.promotion_key = u.promotion_key
    join order_net n on n.order_id = po.order_id
    group by u.promotion_key, u.promotion_id, u.code, u.discount
    order by u.discount desc, u.code
    limit 50`,
    b
  )
  return found.map((r) => ({ promotion_id: r.promotion_id, code: r.code, orders: Number(r.orders), discount: num(r.discount), net_sales: num(r.net_sales) }))
}

async function basket(knex: Knex, b: Bindings) {
  // each order's products as a sorted array, then its pairs by position: no join of the lines with themselves
  const found = await rows(
    knex,
    `with ${SCOPE},
    baskets as (
      select array_agg(distinct product_id order by product_id) as products
      from lines where product_id is not null group by order_id having count(distinct product_id) > 1
    ),
    pairs as (
      select products[x] as product_a, products[y] as product_b
      from baskets, generate_series(1, cardinality(products)) x, generate_series(1, cardinality(products)) y
      where x < y
    ),
    top as (
      select product_a, product_b, count(*) as orders from pairs group by 1, 2 order by orders desc, product_a, product_b limit 10
    ),
    titles as (select product_id, max(product_title) as title from lines where product_id in (select product_a from top union select product_b from top) group by product_id)
    select t.product_a, ta.title as title_a, t.product_b, tb.title as title_b, t.orders
    from top t join titles ta on ta.product_id = t.product_a join titles tb on tb.product_id = t.product_b
    order by t.orders desc, t.product_a, t.product_b`,
    b
  )
  return found.map((r) => ({ products: [{ id: r.product_a, title: r.title_a }, { id: r.product_b, title: r.title_b }], orders: Number(r.orders) }))
}

/**
 * GMROI = gross margin ÷ average inventory at cost, per store, per product
 * category and for the network. Margin counts only lines whose variant has a
 * cost (the rest are reported as uncosted units). Average inventory is the
 * mean of the daily stock snapshots in the range (pos_inventory_snapshot,
 * written each night), with today's live stock standing for today while its
 * snapshot is not written; `inventory_days` says how many days it averages.
 */
async function gmroi(knex: Knex, b: Bindings) {
  const INVENTORY = `
    item_cost as materialized (
      -- a variant made of one inventory item gives that item its cost; a kit's cost is not split over its parts
      select pvii.inventory_item_id, min(vc.amount / nullif(pvii.required_quantity, 0)) as cost
      from product_variant_inventory_item pvii
      join pos_variant_cost vc on vc.variant_id = pvii.variant_id and vc.currency_code = :currency and vc.deleted_at is null
      where pvii.deleted_at is null
        and (select count(*) from product_variant_inventory_item k where k.variant_id = pvii.variant_id and k.deleted_at is null) = 1
      group by 1
    ),
    first_category as materialized (
      select pvii.inventory_item_id, min(pcp.product_category_id) as category_id
      from product_variant_inventory_item pvii
      join product_variant pv on pv.id = pvii.variant_id and pv.deleted_at is null
      join product_category_product pcp on pcp.product_id = pv.product_id
      where pvii.deleted_at is null group by 1
    ),
    points as (
      select s.day, s.store_id, nullif(s.category_id, '') as category_id, s.cost_value
      from pos_inventory_snapshot s
      where s.deleted_at is null and s.currency_code = :currency and s.day >= :from_day and s.day <= :to_day
      union all
      select cast(:today as text), sl.pos_store_id, fc.category_id, il.stocked_quantity * ic.cost
      from inventory_level il
      join item_cost ic on ic.inventory_item_id = il.inventory_item_id
      left join pos_pos_store_stock_location_stock_location sl on sl.stock_location_id = il.location_id and sl.deleted_at is null
      left join first_category fc on fc.inventory_item_id = il.inventory_item_id
      where il.deleted_at is null and cast(:today as text) >= :from_day and cast(:today as text) <= :to_day
        and not exists (select 1 from pos_inventory_snapshot t where t.day = :today and t.currency_code = :currency and t.deleted_at is null)
    ),
    inventory_days as (select count(distinct day) as n from points),
    stock as (
      select grouping(store_id) as by_category, store_id, category_id, sum(cost_value) / nullif((select n from inventory_days), 0) as inventory_cost
      from points
      group by grouping sets ((store_id), (category_id))
    )`
  const found = await rows(
    knex,
    `with ${SCOPE}, ${INVENTORY},
    sold as (
      select grouping(l.store_id) as by_category, l.store_id, l.category_id,
        sum(l.net) filter (where l.unit_cost is not null) as costed_net,
        sum(l.quantity * l.unit_cost) filter (where l.unit_cost is not null) as cogs,
        coalesce(sum(l.quantity) filter (where l.unit_cost is null), 0) as uncosted_units,
        coalesce(sum(l.quantity), 0) as units
      from lines l
      group by grouping sets ((l.store_id), (l.category_id))
    ),
    per_store as (
      select 'store' as dimension, coalesce(s.store_id, st.store_id) as key, s.costed_net, s.cogs, s.uncosted_units, s.units, st.inventory_cost
      from (select * from sold where by_category = 0 and store_id is not null) s
      full join (select * from stock where by_category = 0 and store_id is not null) st on st.store_id = s.store_id
      where cast(:store as text) is null or coalesce(s.store_id, st.store_id) = :store
    ),
    per_category as (
      select 'category' as dimension, coalesce(s.category_id, st.category_id) as key, s.costed_net, s.cogs, s.uncosted_units, s.units,
        case when cast(:store as text) is null then st.inventory_cost end as inventory_cost
      from (select * from sold where by_category = 1 and category_id is not null) s
      full join (select * from stock where by_category = 1 and category_id is not null) st on st.category_id = s.category_id
    ),
    network as (
      select 'network' as dimension, null as key, sum(costed_net) as costed_net, sum(cogs) as cogs, sum(uncosted_units) as uncosted_units, sum(units) as units,
        case when cast(:store as text) is null then (select sum(inventory_cost) from stock where by_category = 0) end as inventory_cost
      from sold where by_category = 0
    )
    select x.dimension, x.key, coalesce(ps.name, pc.name, x.key) as name, (select n from inventory_days) as inventory_days,
      ${money("x.costed_net - x.cogs")} as gross_margin, ${money("x.cogs")} as cost_of_goods, ${money("x.costed_net")} as costed_net_sales,
      coalesce(x.uncosted_units, 0) as uncosted_units, coalesce(x.units, 0) as units,
      case when x.inventory_cost is not null then ${money("x.inventory_cost")} end as inventory_cost,
      case when coalesce(x.inventory_cost, 0) > 0 then round(coalesce(x.costed_net - x.cogs, 0) / x.inventory_cost, 4) end as gmroi
    from (select * from network union all select * from per_store union all select * from per_category) x
    left join pos_store ps on x.dimension = 'store' and ps.id = x.key
    left join product_category pc on x.dimension = 'category' and pc.id = x.key
    order by x.dimension desc, name`,
    b
  )
  const shape = (r: Row) => ({
    id: r.key,
    name: r.name,
    gmroi: num(r.gmroi),
    gross_margin: num(r.gross_margin),
    cost_of_goods: num(r.cost_of_goods),
    costed_net_sales: num(r.costed_net_sales),
    average_inventory_cost: num(r.inventory_cost),
    units: Number(r.units),
    uncosted_units: Number(r.uncosted_units),
  })
  const network = found.find((r) => r.dimension === "network")
  return {
    inventory_days: Number(found[0]?.inventory_days ?? 0),
    network: network ? shape(network) : null,
    stores: found.filter((r) => r.dimension === "store").map(shape),
    categories: found.filter((r) => r.dimension === "category").map(shape),
  }
}

function metricsOf(knex: Knex, q: ScorecardQuery, b: Bindings) {
  return {
    sales: () => sales(knex, q, b),
    tender_mix: () => tenderMix(knex, b),
    bopis: () => bopis(knex, b),
    fulfilment: () => fulfilment(knex, b),
    promise: () => promise(knex, q, b),
    returns: () => returns(knex, b),
    inventory_accuracy: () => inventoryAccuracy(knex, q, b),
    pick_accuracy: () => pickAccuracy(knex, b),
    exceptions: () => exceptions(knex, b),
    staff_productivity: () => staffProductivity(knex, b),
    endless_aisle: () => endlessAisle(knex, b),
    omnichannel_customers: () => omnichannelCustomers(knex, b),
    promotions: () => promotions(knex, b),
    basket: () => basket(knex, b),
    gmroi: () => gmroi(knex, b),
  } satisfies Record<ReportMetric, () => Promise<unknown>>
}

/** The scorecard's answer: the range as asked, then one entry per metric asked for. */
export async function scorecard(knex: Knex, q: ScorecardQuery) {
  const [currency] = await rows(knex, `select decimal_digits from currency where code = :currency`, { currency: q.currency_code })
  const b: Bindings = {
    currency: q.currency_code,
    from: q.from,
    // the range ends where the day after `to` begins
    to: addDays(q.to, 1),
    tz: q.timezone,
    store: q.store_id,
    channel: q.channel,
    decimals: currency ? Number(currency.decimal_digits) : 2,
    ship_sla: q.settings.ship_sla_hours,
    pickup_sla: q.settings.pickup_sla_hours,
    tolerance: q.settings.count_tolerance_units,
    from_day: q.from,
    to_day: q.to,
    today: (q.now ?? new Date()).toISOString().slice(0, 10),
  }

  const metrics: Partial<Record<ReportMetric, unknown>> = {}
  await knex.transaction(async (trx) => {
    // Postgres's JIT compiles these statements for seconds before running them for less; they never need it
    await trx.raw("set local jit = off")
    // a report is never worth holding a connection for minutes
    await trx.raw("set local statement_timeout = '60s'")
    await trx.raw("set local work_mem = '64MB'")
    // the scope once, in temporary tables this transaction drops; every metric reads them
    for (const [table, sql] of BUILD_SCOPE) {
      await trx.raw(table ? `create temporary table ${table} on commit drop as ${sql}` : sql, b as any)
    }
    const metric = metricsOf(trx as unknown as Knex, q, b)
    for (const key of q.metrics) {
      metrics[key] = await metric[key]()
    }
  })
  return {
    from: q.from,
    to: q.to,
    timezone: q.timezone,
    currency_code: q.currency_code,
    store_id: q.store_id,
    channel: q.channel,
    group_by: q.group_by,
    targets: q.settings.targets,
    metrics,
  }
}
