import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { roundToCurrency, toNumber } from "../../../workflows/utils/money"
import { endlessOf } from "../../../workflows/sale/utils/endless-aisle"
import { taxesPerRate } from "../../../workflows/sale/utils/receipt"
import { requireRecordAccess } from "../utils/staff-access"
import { isSimulatedReader } from "../../../modules/pos/utils/simulated-reader"

/** For /terminal/sales/:id routes: the sale exists (404) and belongs to one of the caller's stores (403). */
export const requireSaleAccess = requireRecordAccess("Sale", async (req, id) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const [sale] = await pos.listPosSales({ id }, { select: ["store_id"] })
  return sale?.store_id
})

/** How a line reaches the customer: taken home, or (endless aisle) shipped or picked up from a node. */
export function lineFulfillment(item: { metadata?: Record<string, unknown> | null }) {
  const endless = endlessOf(item)
  if (!endless) {
    return { fulfillment: "take" as const }
  }
  return {
    fulfillment: endless.fulfillment,
    source: { location_id: endless.source_location_id, name: endless.source_name, store_id: endless.source_store_id },
    ...(endless.pickup_store_id ? { pickup_store_id: endless.pickup_store_id } : {}),
    ...(endless.ship_to ? { ship_to: endless.ship_to } : {}),
  }
}

/** A tender as a client needs it: no storage fields (raw amounts, hashes, deletion marks). */
export function tenderAnswer(tender: Record<string, any>) {
  const amount = (value: unknown) => (value == null ? null : toNumber(value))
  return {
    id: tender.id,
    sale_id: tender.sale_id,
    type: tender.type,
    status: tender.status,
    amount: amount(tender.amount),
    tendered: amount(tender.tendered),
    change_due: amount(tender.change_due),
    currency_code: tender.currency_code,
    idempotency_key: tender.idempotency_key,
    staff_id: tender.staff_id,
    payment_intent_id: tender.payment_intent_id ?? null,
    reader_id: tender.reader_id ?? null,
    /** taken on the simulated reader (training): no money moved */
    simulated: isSimulatedReader(tender.reader_id),
    failure_reason: tender.failure_reason ?? null,
    created_at: tender.created_at,
    updated_at: tender.updated_at,
  }
}

/** The sale as the till shows it: lines, taxes and totals as Medusa computed them, tenders, what is due. */
export async function refetchSale(container: MedusaContainer, id: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: sales } = await query.graph({
    entity: "pos_sale",
    fields: [
      "id",
      "store_id",
      "shift_id",
      "register_id",
      "staff_id",
      "cart_id",
      "order_id",
      "currency_code",
      "status",
      "receipt_code",
      "completed_at",
      "voided_at",
      "tenders.*",
    ],
    filters: { id },
  })
  const sale = sales[0] as any
  const { data: carts } = await query.graph({
    entity: "cart",
    fields: [
      "id",
      "customer_id",
      "email",
      "subtotal",
      "tax_total",
      "discount_total",
      "total",
      "items.id",
      "items.variant_id",
      "items.variant_sku",
      "items.title",
      "items.product_title",
      "items.variant_title",
      "items.quantity",
      "items.unit_price",
      "items.subtotal",
      "items.tax_total",
      "items.total",
      "items.metadata",
      "items.tax_lines.code",
      "items.tax_lines.rate",
      "items.tax_lines.description",
      "items.tax_lines.total",
      "promotions.code",
    ],
    filters: { id: sale.cart_id },
  })
  const cart = carts[0] as any
  const paid = MathBN.add(
    0,
    ...(sale.tenders ?? []).filter((t: any) => t.status === "succeeded").map((t: any) => t.amount)
  )
  const money = (value: unknown) => roundToCurrency(value, sale.currency_code)
  const total = money(cart?.total)
  return {
    ...sale,
    tenders: (sale.tenders ?? []).map(tenderAnswer),
    customer_id: cart?.customer_id ?? null,
    email: cart?.email ?? null,
    lines: (cart?.items ?? []).map((item: any) => ({
      id: item.id,
      variant_id: item.variant_id,
      sku: item.variant_sku,
      title: item.product_title ? `${item.product_title} – ${item.variant_title}` : item.title,
      quantity: toNumber(item.quantity),
      unit_price: money(item.unit_price),
      subtotal: money(item.subtotal),
      tax_total: money(item.tax_total),
      total: money(item.total),
      ...lineFulfillment(item),
    })),
    promotions: (cart?.promotions ?? []).map((p: any) => p.code),
    subtotal: money(cart?.subtotal),
    tax_total: money(cart?.tax_total),
    taxes: taxesPerRate(cart?.items ?? [], sale.currency_code),
    discount_total: money(cart?.discount_total),
    total,
    paid: paid.toNumber(),
    due: Math.max(0, MathBN.sub(total, paid).toNumber()),
  }
}

