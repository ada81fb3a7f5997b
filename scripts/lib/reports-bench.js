// The scorecard (`GET /admin/pos/reports`) over a year of a 20-store network: `npm run bench -- --only reports`.
//
// generate(): after the demo seed and before the server starts, plain SQL (INSERT … SELECT over
// generate_series, a few statements, no row-by-row loop) adds stores up to 20 (each with its stock location,
// link, till and two staff) and 100,000 orders of 3 lines spread over the last 365 days: 60% till sales
// (a completed pos_sale, one or two tenders, a shift per store and day), 40% online (30% of them served by a
// store: a pickup or ship task), 3% canceled; then ANALYZE. Every value comes from a hash of the row's number,
// so every run builds the same data relative to its day.
//
// measure(): Medusa's admin order list (first page) as the baseline, against the scorecard over 90 days for
// the whole network and for one store, all metrics; medians, ratios and the goals (network ≤ 2 s, store ≤ 0.5 s).
const fs = require("fs")

const GOALS = { network_ms: 2000, store_ms: 500 }
/** the scorecard's metrics (src/reports/scorecard.ts), asked one at a time when the whole report fails */
const METRICS = [
  "sales", "tender_mix", "bopis", "fulfilment", "promise", "returns", "inventory_accuracy", "pick_accuracy",
  "exceptions", "staff_productivity", "endless_aisle", "omnichannel_customers", "promotions", "basket", "gmroi",
]

/** the pieces of a money column: `name` and `raw_name` ({"value": "<decimal>", "precision": 20}) */
const raw = (expr) => `jsonb_build_object('value', cast(${expr} as text), 'precision', 20)`
/** `'name', expr, 'raw_name', {...}` inside a jsonb_build_object */
const moneyPair = (name, expr) => `'${name}', ${expr}, 'raw_${name}', ${raw(expr)}`

/**
 * Builds the data set; returns the rows added per table and the time it took.
 * `target` is a connected pg Client or a connection string.
 */
async function generate(target, demo, { orders = 100000, linesPerOrder = 3, stores = 20, days = 365, customers = 20000, log = () => {} } = {}) {
  const { Client } = require("pg")
  const client = typeof target === "string" ? new Client({ connectionString: target }) : target
  if (typeof target === "string") {
    await client.connect()
  }
  const started = process.hrtime.bigint()
  const counts = {}
  const q = async (label, sql, params = []) => {
    const t = process.hrtime.bigint()
    const result = await client.query(sql, params)
    if (label) {
      counts[label] = (counts[label] ?? 0) + (result.rowCount ?? 0)
      log(`  ${label}: ${result.rowCount} rows in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s`)
    }
    return result
  }
  try {
    await q(null, `set timezone = 'UTC'`)
    await q(null, `set synchronous_commit = off`)
    await q(null, `set work_mem = '64MB'`)
    // a pseudo-random number in [0, 1) from a row's number and a salt: the same every run
    await q(
      null,
      `create or replace function pg_temp.rnd(n bigint, salt bigint) returns float8 language sql immutable parallel safe as
       $$ select cast(hashint8extended(n, salt) & 2147483647 as float8) / 2147483648.0 $$`
    )
    await q(null, "begin")

    // ---- the stores: the demo's (3) and as many more as `stores` asks for, each with a stock location,
    // its link, a till and two staff members
    const existing = Number(
      (await q(null, `select count(*) as n from pos_store where deleted_at is null and currency_code = 'usd'`)).rows[0].n
    )
    const extra = Math.max(0, stores - existing)
    const num = `lpad(cast(i as text), 2, '0')`
    const series = `generate_series(1, cast($1 as int)) i`
    await q("stock_location", `insert into stock_location (id, name) select 'sloc_bench_' || ${num}, 'Northwind Bench ' || ${num} from ${series}`, [extra])
    await q(
      "pos_store",
      `insert into pos_store (id, name, code, status, city, province, country_code, latitude, longitude, timezone, currency_code, capabilities, ship_from_store_capacity, pickup_hold_hours)
       select 'str_bench_' || ${num}, 'Northwind Bench ' || ${num}, 'BENCH-' || ${num}, 'active', 'Chicago', 'us-il', 'us',
         41.6 + i * 0.04, -87.9 + i * 0.02, case when i % 4 = 0 then 'America/New_York' else 'America/Chicago' end, 'usd',
         '{"sell": true, "pickup": true, "returns": true, "curbside": false, "ship_from_store": true}'::jsonb, 50, 72
       from ${series}`,
      [extra]
    )
    await q(
      "pos_pos_store_stock_location_stock_location",
      `insert into pos_pos_store_stock_location_stock_location (id, pos_store_id, stock_location_id)
       select 'link_bench_' || ${num}, 'str_bench_' || ${num}, 'sloc_bench_' || ${num} from ${series}`,
      [extra]
    )
    await q("pos_register", `insert into pos_register (id, name, store_id) select 'preg_bench_' || ${num}, 'Till 1', 'str_bench_' || ${num} from ${series}`, [extra])
    await q(
      "pos_staff",
      `insert into pos_staff (id, email, first_name, last_name)
       select 'pstaff_bench_' || ${num} || '_' || k, 'bench.' || ${num} || '.' || k || '@northwind.test', 'Bench', 'Staff ' || ${num} || '-' || k
       from ${series}, generate_series(1, 2) k`,
      [extra]
    )
    await q(
      "pos_staff_membership",
      `insert into pos_staff_membership (id, role, staff_id, store_id)
       select 'pmem_bench_' || ${num} || '_' || k, case when k = 1 then 'manager' else 'associate' end, 'pstaff_bench_' || ${num} || '_' || k, 'str_bench_' || ${num}
       from ${series}, generate_series(1, 2) k`,
      [extra]
    )
    // the stores to spread orders over, numbered 1..n (the demo's first)
    await q(
      null,
      `create temp table bench_store on commit drop as
       select cast(row_number() over (order by s.created_at, s.store_id) as int) as idx, s.* from (
         select distinct on (s.id) s.id as store_id, s.created_at, l.stock_location_id as location_id,
           (select r.id from pos_register r where r.store_id = s.id and r.deleted_at is null order by r.name, r.id limit 1) as register_id,
           coalesce((select array_agg(m.staff_id order by m.role desc, m.staff_id) from pos_staff_membership m where m.store_id = s.id and m.deleted_at is null), array['pstaff_unknown']) as staff_ids,
           (select c.sales_channel_id from pos_pos_store_sales_channel_sales_channel c where c.pos_store_id = s.id and c.deleted_at is null order by c.sales_channel_id limit 1) as sales_channel_id
         from pos_store s join pos_pos_store_stock_location_stock_location l on l.pos_store_id = s.id and l.deleted_at is null
         where s.deleted_at is null and s.currency_code = 'usd'
         order by s.id, l.stock_location_id
       ) s order by s.created_at, s.store_id limit cast($1 as int)`,
      [stores]
    )
    const storeCount = Number((await q(null, `select count(*) as n from bench_store`)).rows[0].n)

    // ---- the catalogue: the seeded variants with a price in usd
    await q(
      null,
      `create temp table bench_variant on commit drop as
       select cast(row_number() over (order by pv.id) - 1 as int) as idx, pv.id as variant_id, pv.sku, pv.title as variant_title,
         p.id as product_id, p.title as product_title, p.handle as product_handle, price.amount as unit_price, inv.inventory_item_id
       from product_variant pv
       join product p on p.id = pv.product_id and p.deleted_at is null
       join lateral (
         select pr.amount from product_variant_price_set ps
         join price pr on pr.price_set_id = ps.price_set_id and pr.currency_code = 'usd' and pr.price_list_id is null and pr.deleted_at is null
         where ps.variant_id = pv.id and ps.deleted_at is null and pr.amount > 0
         order by pr.min_quantity nulls first, pr.id limit 1
       ) price on true
       left join lateral (select i.inventory_item_id from product_variant_inventory_item i where i.variant_id = pv.id and i.deleted_at is null order by i.inventory_item_id limit 1) inv on true
       where pv.deleted_at is null`
    )
    const variantCount = Number((await q(null, `select count(*) as n from bench_variant`)).rows[0].n)
    if (!variantCount || !storeCount) {
      throw new Error(`reports bench: found ${variantCount} priced variants and ${storeCount} stores; was the demo seeded?`)
    }
    const regionId = demo?.region_ids?.usd ?? (await q(null, `select id from region where currency_code = 'usd' and deleted_at is null order by id limit 1`)).rows[0]?.id ?? null
    const webChannel = demo?.sales_channel_id ?? null

    // ---- customers: a pool the orders draw from (most buy more than once, many in both channels)
    await q(
      "customer",
      `insert into customer (id, email, first_name, last_name, has_account, created_at, updated_at)
       select 'cus_bench_' || c, 'customer.' || c || '@bench.northwind.test', 'Bench', 'Customer ' || c, false, now() - interval '400 days', now() - interval '400 days'
       from generate_series(1, cast($1 as int)) c`,
      [customers]
    )

    // ---- the orders' shape: store, day, channel, status, time, customer, staff
    await q(
      null,
      `create temp table bench_order on commit drop as
       select o.*, o.created_at::date as day, s.store_id, s.location_id, s.register_id, s.sales_channel_id as store_channel,
         s.staff_ids[1 + floor(pg_temp.rnd(o.n, 8) * cardinality(s.staff_ids))::int] as staff_id
       from (
         select n, store_idx, till, canceled, customer_id,
           -- a till sale between 14:00 and 22:00 UTC (the shops' opening hours), an online order at any hour;
           -- one that would fall later today than now moves to the day before
           case when t > now() then t - interval '1 day' else t end as created_at
         from (
           select n, store_idx, till, canceled,
             case when not till or pg_temp.rnd(n, 6) < 0.5 then 'cus_bench_' || (1 + floor(pg_temp.rnd(n, 7) * cast($4 as int))::int) end as customer_id,
             cast(current_date - day as timestamptz)
               + case when till then interval '14 hours' + pg_temp.rnd(n, 5) * interval '8 hours' else pg_temp.rnd(n, 5) * interval '24 hours' end as t
           from (
             select n, 1 + floor(pg_temp.rnd(n, 1) * cast($2 as int))::int as store_idx, floor(pg_temp.rnd(n, 2) * cast($3 as int))::int as day,
               pg_temp.rnd(n, 3) < 0.6 as till, pg_temp.rnd(n, 4) < 0.03 as canceled
             from generate_series(1, cast($1 as int)) n
           ) a
         ) b
       ) o join bench_store s on s.idx = o.store_idx`,
      [orders, storeCount, days, customers]
    )
    // the lines: variant, quantity 1–3, a return on 5%, a 10% discount on 10%, endless aisle on 2% of in-store lines
    await q(
      null,
      `create temp table bench_line on commit drop as
       select l.*, v.variant_id, v.sku, v.variant_title, v.product_id, v.product_title, v.product_handle, v.unit_price, v.inventory_item_id,
         case when l.discounted then round(v.unit_price * l.quantity * 0.10, 2) else 0 end as discount
       from (
         select o.n, k, o.till, o.canceled, o.created_at,
           floor(pg_temp.rnd(o.n * 16 + k, 10) * cast($2 as int))::int as variant_idx,
           case when pg_temp.rnd(o.n * 16 + k, 11) < 0.7 then 1 when pg_temp.rnd(o.n * 16 + k, 11) < 0.9 then 2 else 3 end as quantity,
           case when not o.canceled and pg_temp.rnd(o.n * 16 + k, 12) < 0.05 then 1 else 0 end as returned,
           pg_temp.rnd(o.n * 16 + k, 13) < 0.10 as discounted,
           o.till and pg_temp.rnd(o.n * 16 + k, 14) < 0.02 as endless_aisle
         from bench_order o cross join generate_series(1, cast($1 as int)) k
       ) l join bench_variant v on v.idx = l.variant_idx`,
      [linesPerOrder, variantCount]
    )
    await q(
      null,
      `create temp table bench_total on commit drop as
       select n, sum(unit_price * quantity) as subtotal, sum(discount) as discount, sum(unit_price * quantity) - sum(discount) as total, sum(quantity) as units
       from bench_line group by n`
    )
    await q(null, `create index on bench_total (n)`)
    await q(null, `analyze bench_order`)
    await q(null, `analyze bench_line`)
    await q(null, `analyze bench_total`)

    // ---- Medusa's order module (version 1 of everything; display_id from Medusa's sequence)
    await q(
      "order",
      `insert into "order" (id, region_id, customer_id, version, sales_channel_id, status, is_draft_order, email, currency_code, no_notification, created_at, updated_at, canceled_at)
       select 'order_bench_' || n, cast($1 as text), customer_id, 1, case when till then coalesce(store_channel, cast($2 as text)) else cast($2 as text) end,
         cast(case when canceled then 'canceled' else 'completed' end as order_status_enum), false,
         case when customer_id is not null then replace(customer_id, 'cus_bench_', 'customer.') || '@bench.northwind.test' end, 'usd', false,
         created_at, created_at, case when canceled then least(created_at + interval '1 hour', now()) end
       from bench_order order by n`,
      [regionId, webChannel]
    )
    await q(
      "order_summary",
      `insert into order_summary (id, order_id, version, totals, created_at, updated_at)
       select 'ordsum_bench_' || o.n, 'order_bench_' || o.n, 1, jsonb_build_object(
           ${moneyPair("paid_total", "p.paid")}, ${moneyPair("refunded_total", "0")}, ${moneyPair("accounting_total", "t.total")},
           ${moneyPair("credit_line_total", "0")}, ${moneyPair("transaction_total", "p.paid")}, ${moneyPair("pending_difference", "t.total - p.paid")},
           ${moneyPair("current_order_total", "t.total")}, ${moneyPair("original_order_total", "t.total")}),
         o.created_at, o.created_at
       from bench_order o join bench_total t on t.n = o.n
       cross join lateral (select case when o.canceled then 0 else t.total end as paid) p`
    )
    await q(
      "order_line_item",
      `insert into order_line_item (id, title, subtitle, variant_id, product_id, product_title, product_handle, variant_sku, variant_title,
         requires_shipping, is_discountable, is_tax_inclusive, is_custom_price, is_giftcard, unit_price, raw_unit_price, metadata, created_at, updated_at)
       select 'ordli_bench_' || n || '_' || k, product_title, variant_title, variant_id, product_id, product_title, product_handle, sku, variant_title,
         not till or endless_aisle, true, false, false, false, unit_price, ${raw("unit_price")},
         case when endless_aisle then '{"pos_endless_aisle": {"fulfillment": "ship"}}'::jsonb end, created_at, created_at
       from bench_line`
    )
    // what happened to each line: a completed order's lines handed over (delivered), 5% of them with one unit returned
    const done = `case when canceled then 0 else quantity end`
    await q(
      "order_item",
      `insert into order_item (id, order_id, version, item_id, quantity, raw_quantity, fulfilled_quantity, raw_fulfilled_quantity,
         shipped_quantity, raw_shipped_quantity, delivered_quantity, raw_delivered_quantity, return_requested_quantity, raw_return_requested_quantity,
         return_received_quantity, raw_return_received_quantity, return_dismissed_quantity, raw_return_dismissed_quantity,
         written_off_quantity, raw_written_off_quantity, unit_price, raw_unit_price, created_at, updated_at)
       select 'orditem_bench_' || n || '_' || k, 'order_bench_' || n, 1, 'ordli_bench_' || n || '_' || k, quantity, ${raw("quantity")},
         ${done}, ${raw(done)}, ${done}, ${raw(done)}, ${done}, ${raw(done)}, 0, ${raw("0")},
         returned, ${raw("returned")}, 0, ${raw("0")}, 0, ${raw("0")}, unit_price, ${raw("unit_price")}, created_at, created_at
       from bench_line`
    )
    await q(
      "order_line_item_adjustment",
      `insert into order_line_item_adjustment (id, item_id, version, description, code, amount, raw_amount, provider_id, is_tax_inclusive, created_at, updated_at)
       select 'ordliadj_bench_' || n || '_' || k, 'ordli_bench_' || n || '_' || k, 1, '10% off', 'BENCH10', discount, ${raw("discount")}, null, false, created_at, created_at
       from bench_line where discount > 0`
    )

    // ---- the tills: a shift per store and day with sales, the sales, their tenders
    await q(
      "pos_shift",
      `insert into pos_shift (id, store_id, register_id, currency_code, status, opened_by, opened_at, opening_float, raw_opening_float, closed_by, closed_at, created_at, updated_at)
       select 'pshift_bench_' || store_idx || '_' || to_char(day, 'YYYYMMDD'), store_id, register_id, 'usd', 'closed', staff_ids[1], opened_at, 100, ${raw("100")},
         staff_ids[1], least(opened_at + interval '8 hours', now()), opened_at, opened_at
       from (
         select distinct o.store_idx, o.day, o.store_id, o.register_id, s.staff_ids, cast(o.day as timestamptz) + interval '14 hours' as opened_at
         from bench_order o join bench_store s on s.idx = o.store_idx where o.till
       ) d`
    )
    // a till sale whose order was canceled is a voided sale (no tender)
    await q(
      "pos_sale",
      `insert into pos_sale (id, store_id, shift_id, register_id, staff_id, cart_id, order_id, currency_code, status, receipt_code, completed_at, voided_at, voided_by, created_at, updated_at)
       select 'psale_bench_' || n, store_id, 'pshift_bench_' || store_idx || '_' || to_char(day, 'YYYYMMDD'), register_id, staff_id, 'cart_bench_' || n,
         'order_bench_' || n, 'usd', case when canceled then 'voided' else 'completed' end, 'BENCH-' || lpad(cast(n as text), 7, '0'),
         case when not canceled then created_at end, case when canceled then created_at + interval '5 minutes' end, case when canceled then staff_id end,
         created_at - interval '3 minutes', created_at
       from bench_order where till`
    )
    // 15% split between cash and card, the rest one tender (45% cash); cash tendered rounded up to 10 with change
    await q(
      "pos_tender",
      `insert into pos_tender (id, type, status, amount, raw_amount, tendered, raw_tendered, change_due, raw_change_due, currency_code, idempotency_key, staff_id, sale_id, created_at, updated_at)
       select 'ptender_bench_' || n || '_' || part, type, 'succeeded', amount, ${raw("amount")}, tendered, ${raw("tendered")},
         tendered - amount, ${raw("tendered - amount")}, 'usd', 'bench-' || n || '-' || part, staff_id, 'psale_bench_' || n, created_at, created_at
       from (
         select n, part, type, amount, staff_id, created_at, case when type = 'cash' then ceil(amount / 10) * 10 else amount end as tendered
         from (
           select o.n, 1 as part, o.staff_id, o.created_at - interval '1 minute' as created_at,
             case when pg_temp.rnd(o.n, 20) < 0.15 or pg_temp.rnd(o.n, 21) < 0.45 then 'cash' else 'card' end as type,
             case when pg_temp.rnd(o.n, 20) < 0.15 then round(t.total * 0.4, 2) else t.total end as amount
           from bench_order o join bench_total t on t.n = o.n where o.till and not o.canceled
           union all
           select o.n, 2, o.staff_id, o.created_at - interval '1 minute', 'card', t.total - round(t.total * 0.4, 2)
           from bench_order o join bench_total t on t.n = o.n where o.till and not o.canceled and pg_temp.rnd(o.n, 20) < 0.15
         ) x
       ) y`
    )

    // ---- online orders a store serves (30%): pickup (60%) or ship from store, hours after the order
    await q(
      "pos_store_task",
      `insert into pos_store_task (id, store_id, order_id, location_id, kind, status, lines, units, ready_at, expires_at, collected_at, shipped_at, created_at, updated_at)
       select 'ptask_bench_' || n, store_id, 'order_bench_' || n, location_id, kind,
         case when kind = 'ship' then (case when shipped_at <= now() then 'shipped' else 'open' end)
              when collected_at <= now() then 'collected' when ready_at <= now() then 'ready' else 'open' end,
         lines, units,
         case when kind = 'pickup' and ready_at <= now() then ready_at end,
         case when kind = 'pickup' and ready_at <= now() then ready_at + interval '72 hours' end,
         case when kind = 'pickup' and collected_at <= now() then collected_at end,
         case when kind = 'ship' and shipped_at <= now() then shipped_at end,
         created_at + interval '2 minutes', created_at + interval '2 minutes'
       from (
         select o.n, o.store_id, o.location_id, o.created_at, t.units,
           case when pg_temp.rnd(o.n, 31) < 0.6 then 'pickup' else 'ship' end as kind,
           o.created_at + (1 + pg_temp.rnd(o.n, 32) * 5) * interval '1 hour' as ready_at,
           o.created_at + (1 + pg_temp.rnd(o.n, 32) * 5) * interval '1 hour' + (2 + pg_temp.rnd(o.n, 33) * 46) * interval '1 hour' as collected_at,
           o.created_at + (4 + pg_temp.rnd(o.n, 34) * 44) * interval '1 hour' as shipped_at, l.lines
         from bench_order o join bench_total t on t.n = o.n
         join (
           select n, jsonb_agg(jsonb_build_object('line_item_id', 'ordli_bench_' || n || '_' || k, 'title', product_title, 'sku', sku,
             'variant_id', variant_id, 'inventory_item_id', inventory_item_id, 'quantity', quantity, 'picked', quantity, 'short', 0) order by k) as lines
           from bench_line where not till and not canceled and pg_temp.rnd(n, 30) < 0.3 group by n
         ) l on l.n = o.n
         where not o.till and not o.canceled and pg_temp.rnd(o.n, 30) < 0.3
       ) x`
    )

    // ---- what a unit costs (the scorecard's margin and GMROI), if this version of the plugin keeps costs
    if ((await q(null, `select to_regclass('public.pos_variant_cost') is not null as ok`)).rows[0].ok) {
      await q(null, "savepoint costs")
      try {
        await q(
          "pos_variant_cost",
          `insert into pos_variant_cost (id, variant_id, currency_code, amount, raw_amount)
           select 'pvcost_bench_' || idx, variant_id, 'usd', round(unit_price * cast(0.35 + pg_temp.rnd(idx, 40) * 0.2 as numeric), 2),
             ${raw("round(unit_price * cast(0.35 + pg_temp.rnd(idx, 40) * 0.2 as numeric), 2)")}
           from bench_variant on conflict do nothing`
        )
      } catch (error) {
        await q(null, "rollback to savepoint costs")
        log(`  pos_variant_cost left empty (${error.message})`)
      }
    }
    await q(null, "commit")
  } catch (error) {
    await client.query("rollback").catch(() => {})
    if (typeof target === "string") {
      await client.end().catch(() => {})
    }
    throw error
  }
  const analyzeStart = process.hrtime.bigint()
  const tables = [
    `"order"`, "order_summary", "order_line_item", "order_item", "order_line_item_adjustment", "customer",
    "pos_sale", "pos_tender", "pos_shift", "pos_store_task", "pos_store", "pos_register", "pos_staff", "pos_staff_membership",
    "stock_location", "pos_pos_store_stock_location_stock_location", "pos_variant_cost",
  ]
  try {
    for (const table of tables) {
      await client.query(`analyze ${table}`).catch((error) => {
        if (!/does not exist/.test(error.message)) throw error
      })
    }
  } finally {
    if (typeof target === "string") {
      await client.end()
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const analyzeSeconds = Number(process.hrtime.bigint() - analyzeStart) / 1e9
  return { counts, seconds, analyze_seconds: analyzeSeconds, parameters: { orders, lines_per_order: linesPerOrder, stores, days, customers } }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const utcDay = (date) => date.toISOString().slice(0, 10)

/** The last lines of the server's log that look like the error behind a failed call (the answer hides SQL errors). */
function logErrors(logFile) {
  if (!logFile || !fs.existsSync(logFile)) {
    return []
  }
  const lines = fs.readFileSync(logFile, "utf8").split("\n").slice(-400)
  return lines.filter((line) => /error|exception|column|relation|syntax/i.test(line)).slice(-12)
}

/**
 * Times the admin order list (baseline) against the scorecard, 90 days, network and one store.
 * `call(method, path, body, headers)` answers the parsed body or throws with the status and body.
 */
async function measure(call, adminHeaders, demo, storeId, { iterations = 7, warmup = 2, generated = null, logFile = null, say = () => {} } = {}) {
  const now = new Date()
  const to = utcDay(now)
  const from = utcDay(new Date(now.getTime() - 89 * 86_400_000))
  const paths = {
    baseline: "/admin/orders?limit=20&fields=id,display_id,total",
    network: `/admin/pos/reports?from=${from}&to=${to}`,
    store: `/admin/pos/reports?from=${from}&to=${to}&store_id=${storeId}`,
  }
  const errors = {}
  const sizes = {}
  // When the connection fails before any answer ("fetch failed"): a kept-alive socket the server closed, or
  // `medusa develop` restarting after a file changed under src/. Wait until the server answers a cheap admin
  // call again (up to 3 minutes), then try once more; the time is that attempt's.
  let retries = 0
  let waitedMs = 0
  const get = async (urlPath) => {
    try {
      return { body: await call("GET", urlPath, null, adminHeaders), start: null }
    } catch (error) {
      if (error.message !== "fetch failed") throw error
      retries++
      const waitStart = Date.now()
      for (;;) {
        try {
          await call("GET", "/admin/orders?limit=1&fields=id", null, adminHeaders)
          break
        } catch (again) {
          if (again.message !== "fetch failed" || Date.now() - waitStart > 180_000) throw again
          await new Promise((resolve) => setTimeout(resolve, 2000))
        }
      }
      waitedMs += Date.now() - waitStart
      const start = process.hrtime.bigint()
      return { body: await call("GET", urlPath, null, adminHeaders), start }
    }
  }
  const attempt = async (which) => {
    let start = process.hrtime.bigint()
    try {
      const answer = await get(paths[which])
      start = answer.start ?? start
      const body = answer.body
      sizes[which] = JSON.stringify(body).length
      return { ms: Number(process.hrtime.bigint() - start) / 1e6, body }
    } catch (error) {
      errors[which] = { message: error.message, ms: Number(process.hrtime.bigint() - start) / 1e6 }
      return null
    }
  }
  say(`reports: ${warmup} warm-up rounds, then ${iterations} alternating rounds of ${Object.values(paths).join(" | ")}`)
  const firstBodies = {}
  for (let i = 0; i < warmup; i++) {
    for (const which of Object.keys(paths)) {
      if (errors[which]) continue
      const r = await attempt(which)
      if (r && i === 0) firstBodies[which] = r.body
    }
  }
  for (const [which, error] of Object.entries(errors)) {
    process.stdout.write(`[bench] reports: ${which} ${paths[which]} failed after ${error.ms.toFixed(0)} ms: ${error.message}\n`)
    const fromLog = logErrors(logFile)
    if (fromLog.length) {
      process.stdout.write(`[bench] reports: the server's log ends with:\n${fromLog.map((l) => `    ${l}`).join("\n")}\n`)
      error.log = fromLog
    }
  }
  // which metrics fail, one call each over the same range (the network's, or the store's if only it failed)
  const metricErrors = {}
  if (errors.network || errors.store) {
    const base = errors.network ? paths.network : paths.store
    for (const metric of METRICS) {
      const start = process.hrtime.bigint()
      try {
        await get(`${base}&metrics=${metric}`)
        metricErrors[metric] = { ok: true, ms: Number(process.hrtime.bigint() - start) / 1e6 }
      } catch (error) {
        metricErrors[metric] = { ok: false, ms: Number(process.hrtime.bigint() - start) / 1e6, message: error.message, log: logErrors(logFile).slice(-4) }
      }
    }
    process.stdout.write(
      `[bench] reports: metric by metric: ${Object.entries(metricErrors).map(([m, r]) => `${m} ${r.ok ? `ok ${r.ms.toFixed(0)} ms` : "FAILED"}`).join(", ")}\n`
    )
  }
  const times = { baseline: [], network: [], store: [] }
  const kinds = Object.keys(paths).filter((which) => !errors[which])
  for (let i = 0; i < iterations; i++) {
    // rotate which goes first, so drift on a noisy machine hits all alike
    const order = kinds.map((_, j) => kinds[(i + j) % kinds.length])
    for (const which of order) {
      const r = await attempt(which)
      if (r) times[which].push(r.ms)
    }
  }
  const med = (which) => (times[which].length ? median(times[which]) : null)
  const baseline = med("baseline")
  const network = med("network")
  const store = med("store")
  const ratio = (ms) => (ms != null && baseline ? ms / baseline : null)
  const report = firstBodies.network?.report
  const sales = report?.metrics?.sales
  return {
    name: "scorecard 90 days (network, one store) vs the admin order list, first page",
    from,
    to,
    store_id: storeId,
    iterations,
    warmup,
    paths,
    baseline_ms: baseline,
    network_ms: network,
    store_ms: store,
    network_ratio: ratio(network),
    store_ratio: ratio(store),
    goals: {
      network_ms: GOALS.network_ms,
      store_ms: GOALS.store_ms,
      network_met: network != null && network <= GOALS.network_ms,
      store_met: store != null && store <= GOALS.store_ms,
    },
    samples_ms: times,
    answer_bytes: sizes,
    network_orders_in_range: sales ? sales.orders : null,
    store_orders_in_range: firstBodies.store?.report?.metrics?.sales?.orders ?? null,
    errors,
    retries,
    waited_for_server_ms: waitedMs,
    metric_errors: metricErrors,
    generated,
  }
}

/** The lines `npm run bench` prints for the comparison. */
function print(r, write = (s) => process.stdout.write(s)) {
  if (r.generated) {
    const g = r.generated
    write(
      `reports data set: ${Object.entries(g.counts).map(([table, n]) => `${table} ${n.toLocaleString("en-US")}`).join(", ")}; ` +
        `generated in ${g.seconds.toFixed(1)} s (ANALYZE ${g.analyze_seconds.toFixed(1)} s)\n`
    )
  }
  const ms = (v) => (v == null ? "failed" : `${v.toFixed(0)} ms`)
  const x = (v) => (v == null ? "–" : v.toFixed(2))
  write(
    `${r.name}, ${r.from} to ${r.to}\n` +
      `  admin order list ${ms(r.baseline_ms)}; network ${ms(r.network_ms)} (ratio ${x(r.network_ratio)}, goal ≤ ${r.goals.network_ms} ms: ${r.goals.network_met ? "met" : "NOT met"}); ` +
      `one store ${ms(r.store_ms)} (ratio ${x(r.store_ratio)}, goal ≤ ${r.goals.store_ms} ms: ${r.goals.store_met ? "met" : "NOT met"})\n` +
      (r.network_orders_in_range != null ? `  orders in range: network ${r.network_orders_in_range}, store ${r.store_orders_in_range}\n` : "") +
      (r.retries ? `  ${r.retries} calls found no server (retried after it answered again; waited ${(r.waited_for_server_ms / 1000).toFixed(0)} s)\n` : "") +
      Object.entries(r.errors)
        .map(([which, e]) => `  ${which} failed: ${e.message}\n`)
        .join("")
  )
}

module.exports = { generate, measure, print, GOALS }
