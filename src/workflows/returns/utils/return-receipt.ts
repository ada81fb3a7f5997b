import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import bwipjs from "bwip-js"
import { roundToCurrency } from "../../utils/money"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { escape, RECEIPT_CSS } from "../../sale/utils/receipt"
import type { RefundPartRecord } from "../../refund/refund-to-tenders"
import type { ReturnLineRecord } from "../../../lib/returns/plan"

export type ReturnReceipt = Awaited<ReturnType<typeof buildReturnReceipt>>

const DISPOSITION_LABEL = { resellable: "Back to stock", refurbish: "To refurbish", quarantine: "Quarantined" } as const
const TENDER_LABEL = { card: "Card", cash: "Cash", other: "Original payment", gift_card: "Back to gift card", store_credit: "Back to store credit" } as const

/** A return's receipt: store, staff, the original order, each line and where it went, each refund. */
export async function buildReturnReceipt(container: MedusaContainer, returnId: string) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const posReturn = await pos.retrievePosReturn(returnId)
  const [store, staff, refund, { data: orders }] = await Promise.all([
    pos.retrievePosStore(posReturn.store_id, {
      select: ["id", "name", "code", "address_1", "city", "province", "postal_code", "phone", "timezone"],
    }),
    pos.retrievePosStaff(posReturn.staff_id, { select: ["first_name", "last_name"] }),
    posReturn.refund_id ? pos.retrievePosRefund(posReturn.refund_id) : Promise.resolve(null),
    query.graph({ entity: "order", fields: ["id", "display_id", "created_at"], filters: { id: posReturn.order_id } }),
  ])
  const lines = posReturn.lines as unknown as ReturnLineRecord[]
  // an exchange: what the customer took instead, as Medusa priced it
  let newItems: { title: string; quantity: number; amount: number }[] = []
  if (posReturn.exchange_id) {
    const { data: exchanges } = await query.graph({
      entity: "order_exchange",
      fields: ["additional_items.item_id", "additional_items.quantity"],
      filters: { id: posReturn.exchange_id },
    })
    const ids = (((exchanges[0] as any)?.additional_items ?? []) as any[]).map((a) => a.item_id as string)
    const { data: items } = await query.graph({
      entity: "order",
      fields: ["id", "total", "items.*", "items.total"],
      filters: { id: posReturn.order_id },
    })
    newItems = (((items[0] as any)?.items ?? []) as any[])
      .filter((i) => ids.includes(i?.id))
      .map((i) => ({
        title: [i.product_title ?? i.title, i.variant_title].filter(Boolean).join(" · "),
        quantity: MathBN.convert(i.quantity).toNumber(),
        amount: roundToCurrency(i.total, posReturn.currency_code),
      }))
  }
  return {
    return_id: posReturn.id,
    status: posReturn.status,
    received_at: posReturn.received_at,
    refunded_at: posReturn.refunded_at,
    store: {
      name: store.name,
      code: store.code,
      address: [store.address_1, [store.city, store.province, store.postal_code].filter(Boolean).join(" ")].filter(Boolean) as string[],
      phone: store.phone,
      timezone: store.timezone,
    },
    staff: { name: [staff.first_name, staff.last_name].filter(Boolean).join(" ") },
    order: { id: posReturn.order_id, display_id: (orders[0] as any)?.display_id ?? null, created_at: (orders[0] as any)?.created_at ?? null },
    currency_code: posReturn.currency_code,
    lines: lines.map((l) => ({
      title: l.title,
      quantity: l.quantity,
      amount: l.amount,
      disposition: l.disposition,
      reason: l.reason ?? null,
    })),
    new_items: newItems,
    collected: posReturn.collected_amount == null ? null : MathBN.convert(posReturn.collected_amount).toNumber(),
    total: MathBN.convert(posReturn.amount).toNumber(),
    refunds: ((refund?.parts as unknown as RefundPartRecord[]) ?? []).map((p) => ({ kind: p.kind, amount: p.amount, status: p.status })),
    store_credit_code: posReturn.store_credit_code,
    override_reason: posReturn.override_reason,
    failure_reason: posReturn.status === "refund_failed" ? posReturn.failure_reason : null,
  }
}

/** The return receipt on the 80 mm thermal layout, with a barcode of the return's id. */
export function renderReturnReceiptHtml(receipt: ReturnReceipt): string {
  const money = (amount: number) =>
    new Intl.NumberFormat("en-US", { style: "currency", currency: receipt.currency_code.toUpperCase() }).format(amount)
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: receipt.store.timezone || "UTC" }).format(
    new Date(receipt.received_at)
  )
  const row = (left: string, right: string, cls = "") => `<div class="row ${cls}"><span>${left}</span><span>${right}</span></div>`
  const barcode = bwipjs.toSVG({ bcid: "code128", text: receipt.return_id, height: 10, includetext: false })
  const refunded = receipt.refunds.filter((r) => r.status === "succeeded")
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Return ${escape(receipt.return_id)}</title>
<style>
${RECEIPT_CSS}</style></head>
<body>
  <h1>${escape(receipt.store.name)}</h1>
  ${receipt.store.address.map((l) => `<div class="center muted">${escape(l)}</div>`).join("")}
  <div class="center total">RETURN</div>
  <hr>
  ${row(`Order #${escape(receipt.order.display_id ?? receipt.order.id)}`, escape(when))}
  ${row("Taken by", escape(receipt.staff.name))}
  <hr>
  ${receipt.lines
    .map(
      (l) => `<div class="line"><div class="title">${escape(l.title)}</div>${row(
        `&nbsp;&nbsp;${l.quantity} · ${DISPOSITION_LABEL[l.disposition]}`,
        money(l.amount)
      )}${l.reason ? `<div class="small">&nbsp;&nbsp;${escape(l.reason)}</div>` : ""}</div>`
    )
    .join("")}
  ${
    receipt.new_items.length
      ? `<hr><div class="center">EXCHANGED FOR</div>${receipt.new_items
          .map((i) => `<div class="line"><div class="title">${escape(i.title)}</div>${row(`&nbsp;&nbsp;${i.quantity}`, money(i.amount))}</div>`)
          .join("")}`
      : ""
  }
  <hr>
  ${receipt.collected ? row("Paid in cash", money(receipt.collected)) : ""}
  ${refunded.map((r) => row(`Refunded to ${TENDER_LABEL[r.kind] ?? r.kind}`, money(r.amount))).join("")}
  ${receipt.store_credit_code ? row("Store credit", money(receipt.total)) + `<div class="center total">${escape(receipt.store_credit_code)}</div>` : ""}
  ${receipt.collected && !receipt.total ? "" : row(receipt.store_credit_code ? "TOTAL CREDIT" : "TOTAL REFUND", money(receipt.total), "total")}
  ${receipt.failure_reason ? `<div class="small">Refund pending: ${escape(receipt.failure_reason)}</div>` : ""}
  ${receipt.override_reason ? `<div class="small">Manager override: ${escape(receipt.override_reason)}</div>` : ""}
  <hr>
  <div class="barcode">${barcode}</div>
  <div class="center small">${escape(receipt.return_id)}</div>
</body></html>`
}
