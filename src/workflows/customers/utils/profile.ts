import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { currentConsents, profileSections, type ConsentPurpose } from "../../../lib/customers/consent"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { isSizeOption, nextSizes } from "../../../lib/customers/sizes"
import { findVariants } from "../../sale/utils/find-variants"
import { loadStoreContext } from "../../sale/utils/store-context"

type Container = { resolve: (key: string) => any }

/** At most this many orders, views, notes and suggestions on the panel. */
const PANEL_ORDERS = 50
const PANEL_ITEMS = 20
const SUGGESTIONS = 5
/** A product is suggested only when this many other orders had it with what the customer owns: one order would show a stranger's basket. */
const MIN_SHARED_ORDERS = 2

/** Whether the customer agrees to a purpose now (its latest change), read at the moment of asking. */
export async function hasConsent(container: Container, customerId: string, purpose: ConsentPurpose) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const [state] = currentConsents((await pos.listPosCustomerConsents({ customer_id: customerId, purpose })) as any).filter((c) => c.purpose === purpose)
  return !!state?.granted
}

/** A customer's consents as they stand, with what the till's panel may show. */
export async function customerConsents(container: Container, customerId: string) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const consents = currentConsents((await pos.listPosCustomerConsents({ customer_id: customerId })) as any)
  return { consents, sections: profileSections(consents) }
}

/**
 * 404 for a customer Medusa does not know; else their name, email and phone. With `deleted`, a
 * customer Medusa deleted is found too (an export or erasure after Medusa's own).
 */
export async function loadCustomer(container: Container, customerId: string, options: { deleted?: boolean } = {}) {
  const [customer] = (await container
    .resolve(Modules.CUSTOMER)
    .listCustomers({ id: customerId }, { select: ["id", "first_name", "last_name", "email", "phone", "has_account"], withDeleted: !!options.deleted })) as any[]
  if (!customer) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer ${customerId} was not found`)
  }
  return customer as { id: string; first_name: string | null; last_name: string | null; email: string; phone: string | null; has_account: boolean }
}

/**
 * The till's customer panel: what the sale needs (name, email, phone) always; purchases online and
 * in every store, returns, sizes bought and staff notes with `purchase_history`; recently viewed
 * products with `browsing_history`; suggestions (products often bought with what they own) with
 * `recommendations`, with the next sizes (either side of what they bought) in stock at this store
 * (`store_id`) or the nearest ones. Each hidden part says why. Consent is read at each opening, so a
 * withdrawal takes effect at once.
 */
export async function loadCustomerProfile(container: Container, customerId: string, options: { store_id?: string } = {}) {
  const customer = await loadCustomer(container, customerId)
  const { consents, sections } = await customerConsents(container, customerId)
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const [history, notes, views, suggestions, sizes] = await Promise.all([
    sections.purchases ? purchaseHistory(container, customerId) : null,
    sections.notes
      ? pos.listPosCustomerNotes({ customer_id: customerId }, { select: ["id", "text", "store_id", "staff_id", "created_at"], order: { created_at: "DESC" }, take: PANEL_ITEMS })
      : null,
    sections.views ? recentlyViewed(container, customerId) : null,
    sections.recommendations ? boughtTogether(container, customerId) : null,
    sections.recommendations && options.store_id ? nextSizesInStock(container, customerId, options.store_id) : null,
  ])
  return {
    customer: { id: customer.id, first_name: customer.first_name, last_name: customer.last_name, email: customer.email, phone: customer.phone },
    consents,
    purchases: history?.purchases ?? null,
    returns: history?.returns ?? null,
    sizes: history?.sizes ?? null,
    notes,
    recently_viewed: views,
    recommendations: suggestions,
    next_sizes: sizes,
    hidden: sections.hidden,
  }
}

/** The customer's orders in every channel (newest 50), their returns, and the sizes they bought. */
async function purchaseHistory(container: Container, customerId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "display_id",
      "created_at",
      "status",
      "currency_code",
      "total",
      "metadata",
      "sales_channel.name",
      "items.id",
      "items.title",
      "items.product_title",
      "items.variant_title",
      "items.product_id",
      "items.variant_id",
      "items.quantity",
      "items.variant.options.value",
      "items.variant.options.option.title",
    ],
    filters: { customer_id: customerId },
    pagination: { order: { created_at: "DESC" }, take: PANEL_ORDERS },
  })
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const storeIds = [...new Set((orders as any[]).map((o) => o.metadata?.pos_store_id).filter(Boolean))] as string[]
  const stores = storeIds.length ? await pos.listPosStores({ id: storeIds }, { select: ["id", "name"] }) : []
  const storeName = new Map(stores.map((s: any) => [s.id, s.name as string]))
  const orderIds = (orders as any[]).map((o) => o.id)
  const { data: returns } = orderIds.length
    ? await query.graph({
        entity: "return",
        fields: ["id", "order_id", "status", "created_at", "items.item_id", "items.quantity"],
        filters: { order_id: orderIds },
      })
    : { data: [] as any[] }
  const sizes = new Map<string, number>()
  for (const order of orders as any[]) {
    for (const item of order.items ?? []) {
      for (const option of item?.variant?.options ?? []) {
        if (/size/i.test(option?.option?.title ?? "") && option.value) {
          sizes.set(option.value, (sizes.get(option.value) ?? 0) + Number(item.quantity ?? 0))
        }
      }
    }
  }
  return {
    purchases: (orders as any[]).map((o) => ({
      order_id: o.id,
      display_id: o.display_id,
      placed_at: o.created_at,
      status: o.status,
      currency_code: o.currency_code,
      total: o.total,
      channel: o.metadata?.pos_store_id ? { kind: "store", name: storeName.get(o.metadata.pos_store_id) ?? null } : { kind: "online", name: o.sales_channel?.name ?? null },
      items: (o.items ?? []).map((i: any) => ({
        title: i.product_title ?? i.title,
        variant_title: i.variant_title ?? null,
        product_id: i.product_id,
        variant_id: i.variant_id,
        quantity: Number(i.quantity ?? 0),
      })),
    })),
    returns: (returns as any[]).map((r) => ({
      return_id: r.id,
      order_id: r.order_id,
      status: r.status,
      created_at: r.created_at,
      quantity: (r.items ?? []).reduce((sum: number, i: any) => sum + Number(i?.quantity ?? 0), 0),
    })),
    sizes: [...sizes].map(([size, quantity]) => ({ size, quantity })).sort((a, b) => b.quantity - a.quantity),
  }
}

/** The customer's latest product views (the newest first), with the product's title. */
async function recentlyViewed(container: Container, customerId: string) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const views = (await pos.listPosProductViews(
    { customer_id: customerId },
    { select: ["product_id", "variant_id", "created_at"], order: { created_at: "DESC" }, take: PANEL_ITEMS }
  )) as any[]
  const titles = await productTitles(container, views.map((v) => v.product_id))
  return views.map((v) => ({ product_id: v.product_id, variant_id: v.variant_id, title: titles.get(v.product_id) ?? null, viewed_at: v.created_at }))
}

/**
 * Products most often in the same orders as products this customer bought (other customers' orders
 * in any channel, the newest 5,000 such orders, drafts and canceled ones left out), that they do not
 * own yet, each in at least 2 of those orders: the 5 most frequent.
 */
async function boughtTogether(container: Container, customerId: string) {
  const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows } = await knex.raw(
    `with owned as (
       select distinct li.product_id
         from "order" o
         join order_item oi on oi.order_id = o.id and oi.deleted_at is null
         join order_line_item li on li.id = oi.item_id and li.deleted_at is null
        where o.customer_id = :customer and o.deleted_at is null and li.product_id is not null
     ),
     baskets as (
       select o.id as order_id
         from "order" o
        where o.deleted_at is null and o.status not in ('draft', 'canceled') and o.customer_id is distinct from :customer
          and exists (
            select 1 from order_item oi
              join order_line_item li on li.id = oi.item_id and li.deleted_at is null
             where oi.order_id = o.id and oi.deleted_at is null and li.product_id in (select product_id from owned)
          )
        order by o.created_at desc
        limit 5000
     )
     select li.product_id, count(distinct oi.order_id)::int as together
       from baskets b
       join order_item oi on oi.order_id = b.order_id and oi.deleted_at is null
       join order_line_item li on li.id = oi.item_id and li.deleted_at is null
      where li.product_id is not null and li.product_id not in (select product_id from owned)
      group by li.product_id
     having count(distinct oi.order_id) >= ${MIN_SHARED_ORDERS}
      order by together desc, li.product_id
      limit ${SUGGESTIONS}`,
    { customer: customerId }
  )
  const titles = await productTitles(container, (rows as any[]).map((r) => r.product_id))
  return (rows as any[]).map((r) => ({ product_id: r.product_id as string, title: titles.get(r.product_id) ?? null, bought_together: r.together as number }))
}

/** The most recent products bought whose sizes are looked at. */
const SIZE_PRODUCTS = 5
/** Stores shown with stock of a size, the nearest first. */
const NEARBY_STORES = 3

/**
 * For the latest products the customer bought that come in sizes: the size either side of the one
 * bought (same colour and other options), with its stock at this store and at the nearest stores
 * that have it ("the M was tight: the L is here, the XL at Wicker Park"). Sizes in stock nowhere
 * near are left out.
 */
async function nextSizesInStock(container: Container, customerId: string, storeId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "items.product_id", "items.variant_id"],
    filters: { customer_id: customerId },
    pagination: { order: { created_at: "DESC" }, take: 20 },
  })
  const bought = new Map<string, string>()
  for (const item of (orders as any[]).flatMap((o) => o.items ?? [])) {
    if (item?.product_id && item.variant_id && !bought.has(item.product_id) && bought.size < SIZE_PRODUCTS) {
      bought.set(item.product_id, item.variant_id)
    }
  }
  if (!bought.size) {
    return []
  }
  const { data: products } = await query.graph({
    entity: "product",
    fields: ["id", "title", "variants.id", "variants.sku", "variants.options.value", "variants.options.option.title"],
    filters: { id: [...bought.keys()] },
  })
  const sizeOf = (variant: any) => (variant?.options ?? []).find((o: any) => isSizeOption(o?.option?.title))?.value as string | undefined
  const restOf = (variant: any) =>
    (variant?.options ?? [])
      .filter((o: any) => !isSizeOption(o?.option?.title))
      .map((o: any) => `${o?.option?.title}=${o?.value}`)
      .sort()
      .join("|")
  const candidates: { product_id: string; title: string; bought_size: string; size: string; variant_id: string; sku: string | null }[] = []
  for (const product of products as any[]) {
    const mine = (product.variants ?? []).find((v: any) => v?.id === bought.get(product.id))
    const size = sizeOf(mine)
    if (!mine || !size) {
      continue
    }
    const siblings = (product.variants ?? []).filter((v: any) => v && sizeOf(v) && restOf(v) === restOf(mine))
    for (const next of nextSizes(size, siblings.map(sizeOf))) {
      const variant = siblings.find((v: any) => sizeOf(v) === next)
      candidates.push({ product_id: product.id, title: product.title, bought_size: size, size: next, variant_id: variant.id, sku: variant.sku ?? null })
    }
  }
  if (!candidates.length) {
    return []
  }
  const context = await loadStoreContext(container as any, storeId)
  const { variants } = await findVariants(container as any, context, { variant_ids: candidates.map((c) => c.variant_id), limit: candidates.length })
  const stock = new Map(variants.map((v) => [v.id, v.stock]))
  return candidates
    .map((c) => {
      const found = stock.get(c.variant_id)
      return {
        ...c,
        here: found?.here ?? 0,
        nearby: (found?.elsewhere ?? [])
          .filter((node) => node.kind === "store")
          .slice(0, NEARBY_STORES)
          .map((node) => ({ store_id: node.store_id, name: node.name, available: node.available, distance_km: node.distance_km })),
      }
    })
    .filter((c) => c.here > 0 || c.nearby.length > 0)
}

async function productTitles(container: Container, ids: string[]) {
  if (!ids.length) {
    return new Map<string, string>()
  }
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "product",
    fields: ["id", "title"],
    filters: { id: [...new Set(ids)] },
  })
  return new Map((data as any[]).map((p) => [p.id as string, p.title as string]))
}
