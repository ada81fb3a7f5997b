import type { BigNumberValue, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import bwipjs from "bwip-js"
import { roundToCurrency, toNumber } from "../../utils/money"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { endlessOf } from "./endless-aisle"
import { isSimulatedReader } from "../../../modules/pos/utils/simulated-reader"
import { CREDIT_TENDER_TYPES } from "../../../modules/pos/models/tender"
import { giftCardsOfOrder, orderLoyalty } from "../../loyalty/utils/earn"

export type Receipt = Awaited<ReturnType<typeof buildReceipt>>
type ReceiptLine = {
  title: string
  sku: string | null
  quantity: number
  unit_price: number
  total: number
  /** for a line not taken home (endless aisle): "Ships from …" or "Pickup at …" */
  fulfillment_note: string | null
}
type ReceiptTender = {
  type: string
  amount: number
  tendered: number | null
  change_due: number | null
  simulated?: boolean
  /** gift card: the masked code; gift card or store credit: the balance left */
  code?: string | null
  balance_after?: number | null
}

/** A POS order's receipt: store, register, staff, lines, taxes, tenders, change, and the code for returns. */
export async function buildReceipt(container: MedusaContainer, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: sales } = await query.graph({
    entity: "pos_sale",
    fields: ["id", "store_id", "register_id", "staff_id", "receipt_code", "completed_at", "tenders.*"],
    filters: { order_id: orderId },
  })
  const sale = sales[0] as any
  if (!sale) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} is not a sale of any store`)
  }
  const [{ data: orders }, { data: stores }, { data: registers }, { data: staff }] = await Promise.all([
    query.graph({
      entity: "order",
      fields: [
        "id",
        "display_id",
        "email",
        "created_at",
        "currency_code",
        "subtotal",
        "tax_total",
        "discount_total",
        "total",
        "customer_id",
        "credit_line_total",
        "credit_lines.reference_id",
        "credit_lines.amount",
        "items.id",
        "items.title",
        "items.product_title",
        "items.variant_title",
        "items.variant_sku",
        "items.quantity",
        "items.unit_price",
        "items.subtotal",
        "items.metadata",
        "items.tax_lines.code",
        "items.tax_lines.rate",
        "items.tax_lines.description",
        // computed with the order's totals: the tax each rate added to the line (and to shipping)
        "items.tax_lines.total",
        "shipping_methods.tax_lines.code",
        "shipping_methods.tax_lines.rate",
        "shipping_methods.tax_lines.description",
        "shipping_methods.tax_lines.total",
      ],
      filters: { id: orderId },
    }),
    query.graph({
      entity: "pos_store",
      fields: ["id", "name", "code", "address_1", "city", "province", "postal_code", "phone", "timezone"],
      filters: { id: sale.store_id },
    }),
    query.graph({ entity: "pos_register", fields: ["id", "name"], filters: { id: sale.register_id } }),
    query.graph({ entity: "pos_staff", fields: ["id", "first_name", "last_name"], filters: { id: sale.staff_id } }),
  ])
  const order = orders[0] as any
  const store = stores[0] as any
  const pickupIds = [...new Set((order.items ?? []).map((i: any) => endlessOf(i)?.pickup_store_id).filter(Boolean))]
  const pickupStores = new Map<string, string>()
  if (pickupIds.length) {
    const { data } = await query.graph({ entity: "pos_store", fields: ["id", "name"], filters: { id: pickupIds as string[] } })
    data.forEach((s: any) => pickupStores.set(s.id, s.name))
  }
  const taxes = taxesPerRate([...(order.items ?? []), ...(order.shipping_methods ?? [])], order.currency_code)
  // a gift card or store credit paid what its credit line on the order says (the plugin debited that)
  const creditOf = (referenceId: string) =>
    MathBN.add(0, ...((order.credit_lines ?? []) as any[]).filter((l) => l?.reference_id === referenceId).map((l) => l.amount))
  const tenders = [...(sale.tenders ?? [])]
    .sort((a: any, b: any) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime())
    .filter((t: any) => t.status === "succeeded")
    .map((t: any): ReceiptTender => {
      if (CREDIT_TENDER_TYPES.includes(t.type)) {
        const amount = roundToCurrency(creditOf(t.credit_reference_id), order.currency_code)
        return {
          type: t.type,
          amount,
          tendered: null,
          change_due: null,
          code: t.credit_code ?? null,
          balance_after: t.balance_before == null ? null : MathBN.sub(t.balance_before, amount).toNumber(),
        }
      }
      return {
        type: t.type,
        amount: toNumber(t.amount),
        tendered: t.tendered == null ? null : toNumber(t.tendered),
        change_due: t.change_due == null ? null : toNumber(t.change_due),
        ...(isSimulatedReader(t.reader_id) ? { simulated: true } : {}),
      }
    })
  const [loyalty, giftCardsSold] = await Promise.all([orderLoyalty(container, order), giftCardsOfOrder(container, order)])
  return {
    receipt_code: sale.receipt_code as string,
    sale_id: sale.id as string,
    order: {
      id: order.id as string,
      display_id: order.display_id as number,
      email: order.email ?? null,
      created_at: order.created_at,
      currency_code: order.currency_code as string,
      subtotal: roundToCurrency(order.subtotal, order.currency_code),
      tax_total: roundToCurrency(order.tax_total, order.currency_code),
      discount_total: roundToCurrency(order.discount_total, order.currency_code),
      // what the sale cost: Medusa's order total is what is left after gift cards and store credit
      total: roundToCurrency(MathBN.add(order.total ?? 0, order.credit_line_total ?? 0), order.currency_code),
    },
    store: {
      name: store.name,
      code: store.code,
      address: [store.address_1, [store.city, store.province, store.postal_code].filter(Boolean).join(" ")].filter(Boolean),
      phone: store.phone ?? null,
      timezone: store.timezone,
    },
    register: registers[0] ? { id: registers[0].id, name: (registers[0] as any).name } : null,
    staff: staff[0] ? { id: staff[0].id, name: (staff[0] as any).first_name } : null,
    lines: (order.items ?? []).map((item: any): ReceiptLine => ({
      title: item.product_title ? `${item.product_title} ${item.variant_title ?? ""}`.trim() : item.title,
      sku: item.variant_sku,
      quantity: toNumber(item.quantity),
      unit_price: toNumber(item.unit_price),
      total: toNumber(item.subtotal),
      fulfillment_note: fulfillmentNote(item, pickupStores),
    })),
    taxes,
    tenders,
    change_due: MathBN.add(0, ...tenders.map((t: ReceiptTender) => t.change_due ?? 0)).toNumber(),
    /** gift cards this sale sold, with their codes; `issuing` counts those the loyalty plugin has not issued yet */
    gift_cards: giftCardsSold,
    /** store credit this order earns the customer (loyalty), or null */
    loyalty,
    return_policy: (container.resolve(POS_MODULE) as PosModuleService).settings.receipt_return_policy,
  }
}

function fulfillmentNote(item: any, pickupStores: Map<string, string>): string | null {
  const endless = endlessOf(item)
  if (!endless) {
    return null
  }
  if (endless.fulfillment === "pickup") {
    return `Pickup at ${pickupStores.get(endless.pickup_store_id!) ?? endless.pickup_store_id}`
  }
  const to = endless.ship_to
  return `Ships from ${endless.source_name}` + (to ? ` to ${[to.city, to.postal_code].filter(Boolean).join(" ")}` : "")
}

export const escape = (value: unknown) =>
  String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)

/** The 80 mm thermal layout shared by sale and return receipts. */
export const RECEIPT_CSS = `  @page { size: 80mm auto; margin: 0 }
  body { width: 72mm; margin: 4mm auto; font: 12px/1.35 "DejaVu Sans Mono", ui-monospace, monospace; color: #000 }
  h1 { font-size: 15px; text-align: center; margin: 0 0 2px }
  .center { text-align: center } .muted { color: #333 } hr { border: 0; border-top: 1px dashed #000; margin: 6px 0 }
  .row { display: flex; justify-content: space-between; gap: 8px } .total { font-weight: bold; font-size: 14px }
  .line .title { word-break: break-word } .barcode svg { width: 100%; height: 14mm } .small { font-size: 10px }
`

/** A printable 80 mm thermal receipt, with a Code 128 barcode of the receipt code for returns. */
export function renderReceiptHtml(receipt: Receipt): string {
  const money = (amount: number) =>
    new Intl.NumberFormat("en-US", { style: "currency", currency: receipt.order.currency_code.toUpperCase() }).format(amount)
  const when = new Intl.DateTimeFormat("en-US", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: receipt.store.timezone || "UTC",
  }).format(new Date(receipt.order.created_at))
  const barcode = bwipjs.toSVG({ bcid: "code128", text: receipt.receipt_code, height: 10, includetext: false })
  const row = (left: string, right: string, cls = "") => `<div class="row ${cls}"><span>${left}</span><span>${right}</span></div>`

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Receipt ${escape(receipt.receipt_code)}</title>
<style>
${RECEIPT_CSS}</style></head>
<body>
  <h1>${escape(receipt.store.name)}</h1>
  ${receipt.store.address.map((l) => `<div class="center muted">${escape(l)}</div>`).join("")}
  ${receipt.store.phone ? `<div class="center muted">${escape(receipt.store.phone)}</div>` : ""}
  <hr>
  ${row(`Order #${escape(receipt.order.display_id)}`, escape(when))}
  ${row(`Register: ${escape(receipt.register?.name ?? "-")}`, `Served by ${escape(receipt.staff?.name ?? "-")}`)}
  <hr>
  ${receipt.lines
    .map(
      (l: ReceiptLine) => `<div class="line"><div class="title">${escape(l.title)}</div>${row(
        `&nbsp;&nbsp;${l.quantity} × ${money(l.unit_price)}${l.sku ? ` <span class="small">${escape(l.sku)}</span>` : ""}`,
        money(l.total)
      )}${l.fulfillment_note ? `<div class="small">&nbsp;&nbsp;${escape(l.fulfillment_note)}</div>` : ""}</div>`
    )
    .join("")}
  <hr>
  ${row("Subtotal", money(receipt.order.subtotal))}
  ${receipt.order.discount_total ? row("Discounts", `-${money(receipt.order.discount_total)}`) : ""}
  ${receipt.taxes.map((t) => row(`${escape(t.description)} ${t.rate}%`, money(t.amount))).join("")}
  ${row("Tax", money(receipt.order.tax_total))}
  ${row("TOTAL", money(receipt.order.total), "total")}
  <hr>
  ${receipt.tenders
    .map((t: ReceiptTender) =>
      t.type === "gift_card" || t.type === "store_credit"
        ? row(t.type === "gift_card" ? `Gift card ${escape(t.code ?? "")}` : "Store credit", money(t.amount)) +
          (t.balance_after == null ? "" : row("&nbsp;&nbsp;Balance left", money(t.balance_after), "small"))
        : row(t.type === "cash" ? `Cash tendered` : t.simulated ? "Card (simulated reader, training: no money moved)" : "Card", money(t.tendered ?? t.amount))
    )
    .join("")}
  ${receipt.change_due ? row("Change", money(receipt.change_due), "total") : ""}
  ${receipt.gift_cards.issued.length || receipt.gift_cards.issuing ? "<hr>" : ""}
  ${receipt.gift_cards.issued
    .map((g) => row("Gift card", money(g.value)) + `<div class="center total">${escape(g.code)}</div>`)
    .join("")}
  ${receipt.gift_cards.issuing ? `<div class="center small">${receipt.gift_cards.issuing} gift card code(s) being issued: print the receipt again in a moment</div>` : ""}
  ${receipt.loyalty ? `<hr>${row("Loyalty earned (store credit)", money(receipt.loyalty.earned))}` : ""}
  <hr>
  <div class="center small">${escape(receipt.return_policy)}</div>
  <div class="barcode">${barcode}</div>
  <div class="center">${escape(receipt.receipt_code)}</div>
  <div class="center small">Thank you for shopping with us.</div>
</body></html>`
}


/**
 * Tax per rate over taxed lines (a cart's or an order's items and shipping
 * methods, read with `tax_lines.code, rate, description, total`): one entry
 * per code and rate, its amount rounded to the currency once per rate (so the
 * entries may differ from the tax total by a cent).
 */
export function taxesPerRate(
  taxed: { tax_lines?: { code?: string | null; rate?: unknown; description?: string | null; total?: unknown }[] | null }[],
  currencyCode: string
) {
  const taxes = new Map<string, { description: string; rate: number; amount: BigNumberValue }>()
  for (const item of taxed) {
    for (const line of item?.tax_lines ?? []) {
      const key = `${line.code}|${toNumber(line.rate as any)}`
      const current = taxes.get(key)
      taxes.set(key, {
        description: line.description ?? line.code ?? "Tax",
        rate: toNumber(line.rate as any),
        amount: MathBN.add(current?.amount ?? 0, (line.total as any) ?? 0),
      })
    }
  }
  return [...taxes.values()].map((t) => ({ ...t, amount: roundToCurrency(t.amount, currencyCode) }))
}

/**
 * Emails an order's receipt through Medusa's notification module (channel
 * "email", template "pos-receipt", data `{receipt, html}`). The idempotency key
 * makes a repeated request send once.
 */
export async function emailReceipt(
  container: MedusaContainer,
  input: { order_id: string; to: string; idempotency_key: string }
) {
  const receipt = await buildReceipt(container, input.order_id)
  const [notification] = await container.resolve(Modules.NOTIFICATION).createNotifications([
    {
      to: input.to,
      channel: "email",
      template: "pos-receipt",
      resource_id: input.order_id,
      resource_type: "order",
      idempotency_key: input.idempotency_key,
      data: { receipt, html: renderReceiptHtml(receipt) },
    },
  ])
  return notification
}
