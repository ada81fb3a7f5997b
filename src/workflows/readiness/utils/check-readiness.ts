import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules, ProductStatus } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import {
  dashboardLink,
  FIELD_NAMES,
  gtinFieldProblem,
  MAX_PROBLEMS_PER_RULE,
  SEVERITY,
  storeRecordProblems,
  summarizeReadiness,
  type CodeField,
  type ReadinessProblem,
  type ReadinessReport,
  type RuleFindings,
  type StoreForReadiness,
} from "../../../lib/readiness"
import { stripeClient } from "../../../lib/stripe-terminal"
import { POS_MODULE } from "../../../modules/pos"
import { StoreStatus } from "../../../modules/pos/models/store"
import type PosModuleService from "../../../modules/pos/service"
import { tillRegion } from "../../sale/utils/store-context"

// The go-live readiness check against the database (the rules and the report: src/lib/readiness.ts).

type Row = Record<string, any>

/** A SKU as people read it: quoted when spaces around it would not show. */
const skuText = (sku: string) => (sku.trim() === sku ? sku : JSON.stringify(sku))

const variantLabel = (row: Row) =>
  `${row.sku ? `${skuText(row.sku)} ` : ""}(${row.product_title ?? "no product"}${row.variant_title ? ` / ${row.variant_title}` : ""})`

/** The same label in SQL, for the other variants a duplicate names: the SKU (quoted as skuText does) or the id, and the product. */
const SQL_LABEL = (v: string, p: string) =>
  `coalesce(case when ${v}.sku <> btrim(${v}.sku, E' \\t\\r\\n') then '"' || ${v}.sku || '"' else ${v}.sku end, ${v}.id) || ' (' || coalesce(${p}.title, 'no product') || ')'`

async function rows(knex: Knex, sql: string, bindings: unknown[]): Promise<Row[]> {
  const result = await knex.raw(sql, bindings as any)
  return result.rows
}

const total = (found: Row[]) => Number(found[0]?.total ?? 0)

/**
 * Variants whose SKUs are equal ignoring case and surrounding spaces: Medusa's
 * unique index compares them exactly, so "NW-1" and "nw-1 " both exist.
 */
async function duplicateSkus(knex: Knex): Promise<RuleFindings> {
  const found = await rows(
    knex,
    `with variant as (
       select v.id, v.product_id, v.sku, v.title as variant_title, p.title as product_title,
              ${SQL_LABEL("v", "p")} as label, lower(btrim(v.sku, E' \\t\\r\\n')) as key
       from product_variant v
       join product p on p.id = v.product_id and p.deleted_at is null
       where v.deleted_at is null and v.sku is not null and btrim(v.sku, E' \\t\\r\\n') <> ''
     ), duplicate as (
       select key from variant group by key having count(*) > 1
     )
     select variant.*, count(*) over (partition by variant.key) as group_size,
            (array_agg(variant.label) over (partition by variant.key))[1:4] as sample,
            count(*) over () as total
     from variant join duplicate using (key)
     order by variant.key, variant.id
     limit ?`,
    [MAX_PROBLEMS_PER_RULE]
  )
  return {
    rule: "duplicate_sku",
    total: total(found),
    problems: found.map((row) => {
      const others = (row.sample as string[]).filter((s) => s !== row.label).slice(0, 3)
      const more = Number(row.group_size) - 1 - others.length
      return {
        rule: "duplicate_sku",
        severity: SEVERITY.duplicate_sku,
        message: `SKU ${JSON.stringify(row.sku)} of ${variantLabel(row)} is also the SKU of ${Number(row.group_size) - 1} other variant${Number(row.group_size) > 2 ? "s" : ""}${others.length ? `: ${others.join(", ")}${more > 0 ? ` and ${more} more` : ""}` : ""}`,
        store_id: null,
        resource_type: "product_variant",
        resource_id: row.id,
        link: dashboardLink.variant(row.product_id, row.id),
      }
    }),
  }
}

/**
 * A GTIN as the till compares codes: digits of a GTIN's length padded to 14
 * (GS1's own normal form, so UPC-A 036000291452 and EAN-13 0036000291452 are
 * one code), anything else as written, ignoring case and surrounding spaces.
 */
const CODES_SQL = `
  select v.id, v.product_id, v.sku, v.title as variant_title, p.title as product_title,
         ${SQL_LABEL("v", "p")} as label, f.field, f.code, btrim(f.code) as trimmed
  from product_variant v
  join product p on p.id = v.product_id and p.deleted_at is null
  cross join lateral (values ('barcode', v.barcode), ('ean', v.ean), ('upc', v.upc)) as f(field, code)
  where v.deleted_at is null and f.code is not null and btrim(f.code) <> ''`

const GTIN_SHAPE = `'^([0-9]{8}|[0-9]{12,14})$'`

/** The same code (barcode, EAN or UPC, in any combination) on two different variants. */
async function duplicateBarcodes(knex: Knex): Promise<RuleFindings> {
  const found = await rows(
    knex,
    `with code as (
       select c.*, case when c.trimmed ~ ${GTIN_SHAPE} then lpad(c.trimmed, 14, '0') else upper(c.trimmed) end as key
       from (${CODES_SQL}) c
     ), holder as (
       select key, id, product_id, sku, variant_title, product_title, label,
              string_agg(field, ', ' order by field) as fields, min(trimmed) as shown
       from code group by key, id, product_id, sku, variant_title, product_title, label
     ), duplicate as (
       select key from holder group by key having count(*) > 1
     )
     select holder.*, count(*) over (partition by holder.key) as group_size,
            (array_agg(holder.label) over (partition by holder.key))[1:4] as sample,
            count(*) over () as total
     from holder join duplicate using (key)
     order by holder.key, holder.id
     limit ?`,
    [MAX_PROBLEMS_PER_RULE]
  )
  return {
    rule: "duplicate_barcode",
    total: total(found),
    problems: found.map((row) => {
      const others = (row.sample as string[]).filter((s) => s !== row.label).slice(0, 3)
      const count = Number(row.group_size) - 1
      const fields = String(row.fields)
        .split(", ")
        .map((f) => FIELD_NAMES[f as CodeField] ?? f)
        .join(" and ")
      return {
        rule: "duplicate_barcode",
        severity: SEVERITY.duplicate_barcode,
        message: `Code ${row.shown} (the ${fields} of ${variantLabel(row)}) is also on ${count} other variant${count > 1 ? "s" : ""}${others.length ? `: ${others.join(", ")}${count - others.length > 0 ? ` and ${count - others.length} more` : ""}` : ""}; a scan cannot tell them apart`,
        store_id: null,
        resource_type: "product_variant",
        resource_id: row.id,
        link: dashboardLink.variant(row.product_id, row.id),
      }
    }),
  }
}

/**
 * The GS1 check in SQL, so that only the wrong codes leave the database
 * (the same rule as gtinCheckDigit: from the right, weights 3, 1, 3, …).
 */
const WRONG_CHECK_DIGIT = (d: string) => `(
  (10 - (select sum(substr(${d}, length(${d}) - i, 1)::int * (case when i % 2 = 1 then 3 else 1 end))
         from generate_series(1, length(${d}) - 1) as i) % 10) % 10 <> right(${d}, 1)::int)`

/** Wrong check digits, and EANs or UPCs that are not GTINs at all. */
async function invalidGtins(knex: Knex): Promise<RuleFindings> {
  const found = await rows(
    knex,
    `select c.*, count(*) over () as total
     from (${CODES_SQL}) c
     where (c.field in ('ean', 'upc') and c.code !~ ${GTIN_SHAPE})
        or (c.trimmed ~ ${GTIN_SHAPE} and ${WRONG_CHECK_DIGIT("c.trimmed")})
     order by c.product_title, c.id, c.field
     limit ?`,
    [MAX_PROBLEMS_PER_RULE]
  )
  const problems: ReadinessProblem[] = []
  for (const row of found) {
    const problem = gtinFieldProblem(row.field, row.code)
    if (problem) {
      problems.push({
        rule: "invalid_gtin",
        severity: SEVERITY.invalid_gtin,
        message: `${variantLabel(row)}: ${problem}`,
        store_id: null,
        resource_type: "product_variant",
        resource_id: row.id,
        link: dashboardLink.variant(row.product_id, row.id),
      })
    }
  }
  return { rule: "invalid_gtin", total: total(found) - (found.length - problems.length), problems }
}

type LoadedStore = StoreForReadiness & {
  country_code: string | null
  currency_code: string
  location_id: string | null
  sales_channel_id: string | null
  online_channel_ids: string[]
}

/**
 * Variants of the store's POS channel's published products with no price the
 * till can use: a price in the store's currency outside any price list, for
 * a single unit, with no rules or only a region rule naming the region the
 * till sells in (`tillRegion`; without one, store_region reports the store).
 */
async function missingPrices(knex: Knex, store: LoadedStore, regionId: string | null): Promise<RuleFindings> {
  const found = await rows(
    knex,
    `select v.id, v.product_id, v.sku, v.title as variant_title, p.title as product_title, count(*) over () as total
     from product_sales_channel psc
     join product p on p.id = psc.product_id and p.deleted_at is null and p.status = ?
     join product_variant v on v.product_id = p.id and v.deleted_at is null
     where psc.sales_channel_id = ? and psc.deleted_at is null
       and not exists (
         select 1
         from product_variant_price_set pvps
         join price_set ps on ps.id = pvps.price_set_id and ps.deleted_at is null
         join price pr on pr.price_set_id = ps.id and pr.deleted_at is null and pr.price_list_id is null
         where pvps.variant_id = v.id and pvps.deleted_at is null
           and lower(pr.currency_code) = ?
           and coalesce(pr.min_quantity, 1) <= 1
           and not exists (
             select 1 from price_rule r
             where r.price_id = pr.id and r.deleted_at is null
               and not (r.attribute = 'region_id' and r.operator = 'eq' and r.value = ?)
           )
       )
     order by p.title, p.id, v.variant_rank, v.id
     limit ?`,
    [ProductStatus.PUBLISHED, store.sales_channel_id, store.currency_code.toLowerCase(), regionId ?? "", MAX_PROBLEMS_PER_RULE]
  )
  const currency = store.currency_code.toUpperCase()
  return {
    rule: "missing_price",
    total: total(found),
    problems: found.map((row) => ({
      rule: "missing_price",
      severity: SEVERITY.missing_price,
      message: `${variantLabel(row)} has no price in ${currency} at ${store.name} (${store.code}): the till cannot sell it`,
      store_id: store.id,
      resource_type: "product_variant",
      resource_id: row.id,
      link: dashboardLink.productPrices(row.product_id),
    })),
  }
}

/** Published products of the online channels the store serves (pickup, returns) that its POS channel lacks. */
async function missingFromPosChannel(knex: Knex, store: LoadedStore): Promise<RuleFindings> {
  if (!store.online_channel_ids.length) {
    return { rule: "missing_from_pos_channel", problems: [] }
  }
  const found = await rows(
    knex,
    `select p.id, p.title, count(*) over () as total
     from product p
     where p.deleted_at is null and p.status = ?
       and exists (select 1 from product_sales_channel psc
                   where psc.product_id = p.id and psc.deleted_at is null and psc.sales_channel_id = any(?::text[]))
       and not exists (select 1 from product_sales_channel psc
                       where psc.product_id = p.id and psc.deleted_at is null and psc.sales_channel_id = ?)
     order by p.title, p.id
     limit ?`,
    [ProductStatus.PUBLISHED, store.online_channel_ids, store.sales_channel_id, MAX_PROBLEMS_PER_RULE]
  )
  return {
    rule: "missing_from_pos_channel",
    total: total(found),
    problems: found.map((row) => ({
      rule: "missing_from_pos_channel",
      severity: SEVERITY.missing_from_pos_channel,
      message: `${row.title} is sold online but is not in the POS sales channel of ${store.name} (${store.code})`,
      store_id: store.id,
      resource_type: "product",
      resource_id: row.id,
      link: dashboardLink.productSalesChannels(row.id),
    })),
  }
}

/** The stores to check, with their registers, members and core links. */
async function loadStores(container: MedusaContainer, storeId?: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: stores }, { data: allChannels }] = await Promise.all([
    query.graph({
      entity: "pos_store",
      fields: [
        "id",
        "name",
        "code",
        "status",
        "latitude",
        "longitude",
        "opening_hours",
        "country_code",
        "currency_code",
        "registers.id",
        "registers.name",
        "registers.is_active",
        "registers.stripe_reader_id",
        "memberships.role",
        "memberships.staff.is_active",
        "sales_channel.id",
        "stock_location.id",
        "stock_location.sales_channels.id",
        "stock_location.sales_channels.is_disabled",
      ],
      filters: storeId ? { id: storeId } : {},
    }),
    // every store's POS channel, disabled stores' included: none of them is an online channel
    query.graph({ entity: "pos_store", fields: ["sales_channel.id"] }),
  ])
  if (storeId && !stores.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Store ${storeId} was not found`)
  }
  const posChannels = new Set(allChannels.map((s: any) => s.sales_channel?.id).filter(Boolean))
  const loaded: LoadedStore[] = []
  const skipped: ReadinessReport["skipped_stores"] = []
  for (const store of (stores as any[]).sort((a, b) => String(a.code).localeCompare(String(b.code)))) {
    if (store.status !== StoreStatus.ACTIVE) {
      skipped.push({ id: store.id, name: store.name, code: store.code, reason: "disabled: only active stores go live" })
      continue
    }
    loaded.push({
      id: store.id,
      name: store.name,
      code: store.code,
      latitude: store.latitude,
      longitude: store.longitude,
      opening_hours: store.opening_hours,
      country_code: store.country_code,
      currency_code: store.currency_code,
      registers: (store.registers ?? []).filter(Boolean),
      memberships: (store.memberships ?? [])
        .filter(Boolean)
        .map((m: any) => ({ role: m.role, staff_active: !!m.staff?.is_active })),
      location_id: store.stock_location?.id ?? null,
      sales_channel_id: store.sales_channel?.id ?? null,
      online_channel_ids: (store.stock_location?.sales_channels ?? [])
        .filter((c: any) => c && !c.is_disabled && !posChannels.has(c.id))
        .map((c: any) => c.id),
    })
  }
  return { stores: loaded, skipped }
}

/** Countries of the stores that Medusa's tax module has no tax region for. */
async function taxRegionProblems(container: MedusaContainer, stores: LoadedStore[]): Promise<ReadinessProblem[]> {
  const countries = [...new Set(stores.map((s) => s.country_code?.toLowerCase()).filter((c): c is string => !!c))]
  const taxRegions = countries.length
    ? await container.resolve(Modules.TAX).listTaxRegions({ country_code: countries }, { select: ["country_code"] })
    : []
  const covered = new Set(taxRegions.map((r) => r.country_code.toLowerCase()))
  return stores
    .filter((s) => !s.country_code || !covered.has(s.country_code.toLowerCase()))
    .map((s) => ({
      rule: "store_tax_region" as const,
      severity: SEVERITY.store_tax_region,
      message: s.country_code
        ? `${s.name} (${s.code}) is in ${s.country_code.toUpperCase()}, which has no tax region: its sales would be taxed at 0`
        : `${s.name} (${s.code}) has no country in its address, so no tax region applies`,
      store_id: s.id,
      resource_type: "tax_region",
      resource_id: null,
      link: s.country_code ? dashboardLink.taxRegions() : dashboardLink.store(s.id),
    }))
}

/** The region each store's till sells in (the till's own choice, `tillRegion`), by store id. */
async function tillRegionsOf(container: MedusaContainer, stores: LoadedStore[]) {
  const currencies = [...new Set(stores.map((s) => s.currency_code.toLowerCase()))]
  const { data: regions } = currencies.length
    ? await container.resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "region",
        fields: ["id", "currency_code", "countries.iso_2"],
        filters: { currency_code: currencies },
      })
    : { data: [] as any[] }
  return new Map(
    stores.map((s) => [s.id, tillRegion((regions as any[]).filter((r) => r.currency_code?.toLowerCase() === s.currency_code.toLowerCase()), s.country_code)])
  )
}

/** Stores whose stock location holds no inventory level at all (or that have no stock location). */
async function locationStockProblems(knex: Knex, stores: LoadedStore[]): Promise<ReadinessProblem[]> {
  const locationIds = stores.map((s) => s.location_id).filter((id): id is string => !!id)
  const stocked = new Set(
    (
      await rows(
        knex,
        `select l.id from unnest(?::text[]) as l(id)
         where exists (select 1 from inventory_level il where il.location_id = l.id and il.deleted_at is null)`,
        [locationIds]
      )
    ).map((r) => r.id)
  )
  return stores
    .filter((s) => !s.location_id || !stocked.has(s.location_id))
    .map((s) => ({
      rule: "location_stock" as const,
      severity: SEVERITY.location_stock,
      message: s.location_id
        ? `The stock location of ${s.name} (${s.code}) holds no stock: no item is stocked there`
        : `${s.name} (${s.code}) has no stock location`,
      store_id: s.id,
      resource_type: s.location_id ? "stock_location" : "pos_store",
      resource_id: s.location_id ?? s.id,
      link: s.location_id ? dashboardLink.location(s.location_id) : dashboardLink.store(s.id),
    }))
}

/**
 * Checks the catalogue and the active stores (or one store, by id; the
 * catalogue rules always cover the whole catalogue) and reports what must be
 * fixed before going live. NOT_FOUND for an unknown store id.
 */
export async function checkReadiness(container: MedusaContainer, input: { store_id?: string } = {}): Promise<ReadinessReport> {
  const checkedAt = new Date().toISOString()
  const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const { stores, skipped } = await loadStores(container, input.store_id)
  const cardReaders = stripeClient(pos.settings.stripe_terminal) !== null

  const tillRegions = await tillRegionsOf(container, stores)
  const findings: RuleFindings[] = [
    await duplicateSkus(knex),
    await duplicateBarcodes(knex),
    await invalidGtins(knex),
  ]
  for (const store of stores) {
    if (!store.sales_channel_id) {
      findings.push({
        rule: "missing_from_pos_channel",
        problems: [
          {
            rule: "missing_from_pos_channel",
            severity: SEVERITY.missing_from_pos_channel,
            message: `${store.name} (${store.code}) has no POS sales channel: its counter cannot sell`,
            store_id: store.id,
            resource_type: "pos_store",
            resource_id: store.id,
            link: dashboardLink.store(store.id),
          },
        ],
      })
      continue
    }
    const region = tillRegions.get(store.id)
    if (region) {
      findings.push(await missingPrices(knex, store, region.id))
    }
    findings.push(await missingFromPosChannel(knex, store))
  }
  for (const store of stores) {
    for (const problem of storeRecordProblems(store, { card_readers: cardReaders })) {
      findings.push({ rule: problem.rule, problems: [problem] })
    }
  }
  findings.push({
    rule: "store_region",
    problems: stores
      .filter((s) => !tillRegions.get(s.id))
      .map((s) => ({
        rule: "store_region" as const,
        severity: SEVERITY.store_region,
        message: `No region sells in ${s.currency_code.toUpperCase()}, the currency of ${s.name} (${s.code}): its tills cannot sell`,
        store_id: s.id,
        resource_type: "region",
        resource_id: null,
        link: dashboardLink.regions(),
      })),
  })
  const taxProblems = await taxRegionProblems(container, stores)
  findings.push({ rule: "store_tax_region", problems: taxProblems })
  findings.push({ rule: "location_stock", problems: await locationStockProblems(knex, stores) })

  const { ready, rules, problems } = summarizeReadiness(findings)
  return {
    ready,
    checked_at: checkedAt,
    stores: stores.map((s) => ({ id: s.id, name: s.name, code: s.code })),
    skipped_stores: skipped,
    rules,
    problems,
  }
}
