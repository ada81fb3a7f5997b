import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../modules/pos"
import { CREDIT_TENDER_TYPES } from "../../../modules/pos/models/tender"
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
    /** gift card: its code with all but the last 4 characters masked */
    code: tender.credit_code ?? null,
    /** gift card or store credit: the balance when it was taken, and what is left once the sale completes */
    balance_before: amount(tender.balance_before),
    balance_after:
      tender.balance_before == null ? null : MathBN.sub(tender.balance_before, tender.amount ?? 0).toNumber(),
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
      "credit_line_total",
      "credit_lines.reference_id",
      "credit_lines.amount",
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
  const money = (value: unknown) => roundToCurrency(value, sale.currency_code)
  // gift cards and store credit are the cart's credit lines: Medusa's total is what is left after them,
  // and a gift card covers more when lines are added (the loyalty plugin refreshes it)
  const credits = money(cart?.credit_line_total)
  const creditOf = (referenceId: string) =>
    MathBN.add(0, ...((cart?.credit_lines ?? []) as any[]).filter((l) => l?.reference_id === referenceId).map((l) => l.amount))
  const tenders = [...((sale.tenders ?? []) as any[])]
    .sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime())
    .map((t) =>
    CREDIT_TENDER_TYPES.includes(t.type) && t.status === "succeeded" ? { ...t, amount: money(creditOf(t.credit_reference_id)) } : t
  )
  const taken = MathBN.add(
    0,
    ...tenders.filter((t: any) => t.status === "succeeded" && !CREDIT_TENDER_TYPES.includes(t.type)).map((t: any) => t.amount)
  )
  const net = money(cart?.total)
  const total = MathBN.add(net, credits).toNumber()
  return {
    ...sale,
    tenders: tenders.map(tenderAnswer),
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
    /** gift cards and store credit on the sale */
    credit_total: credits,
    paid: MathBN.add(taken, credits).toNumber(),
    due: Math.max(0, MathBN.sub(net, taken).toNumber()),
  }
}

