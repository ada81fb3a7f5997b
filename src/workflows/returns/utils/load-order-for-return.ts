import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { roundToCurrency, toNumber as n } from "../../utils/money"
import type { ReturnLineFacts } from "../../../lib/returns/policy"

/** What the returns desk reads of an order (of any channel). */
export const RETURN_ORDER_FIELDS = [
  "id",
  "display_id",
  "email",
  "status",
  "created_at",
  "currency_code",
  "metadata",
  "total",
  "sales_channel.id",
  "sales_channel.name",
  "sales_channel.is_disabled",
  "customer.first_name",
  "customer.last_name",
  // items.* : a lone items.quantity can come back empty from query.graph
  "items.*",
  "items.total",
  "items.detail.*",
  "items.variant.manage_inventory",
  "items.variant.inventory_items.inventory_item_id",
  "items.variant.inventory_items.required_quantity",
  "items.variant.product.categories.id",
  "items.variant.product.tags.value",
  "fulfillments.delivered_at",
  "fulfillments.canceled_at",
  "fulfillments.items.line_item_id",
]

export type OrderForReturn = Awaited<ReturnType<typeof loadOrderForReturn>>

/**
 * An order as the returns desk sees it: per line what was bought, sent,
 * delivered and already returned (the facts the policy engine reads), and
 * what one unit cost the customer (taxes and discounts included), which is
 * what a returned unit gives back.
 */
export async function loadOrderForReturn(container: MedusaContainer, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: RETURN_ORDER_FIELDS, filters: { id: orderId } })
  const order = data[0] as any
  if (!order) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found`)
  }
  const deliveredAt = (lineId: string) =>
    ((order.fulfillments ?? []) as any[])
      .filter((f) => f && !f.canceled_at && f.delivered_at && (f.items ?? []).some((i: any) => i?.line_item_id === lineId))
      .map((f) => new Date(f.delivered_at))
      .sort((a, b) => b.getTime() - a.getTime())[0] ?? null
  const lines = ((order.items ?? []) as any[]).filter(Boolean).map((item) => {
    const detail = item.detail ?? {}
    const quantity = n(item.quantity)
    const facts: ReturnLineFacts = {
      line_item_id: item.id,
      title: [item.product_title ?? item.title, item.variant_title].filter(Boolean).join(" · "),
      product_id: item.product_id ?? null,
      category_ids: ((item.variant?.product?.categories ?? []) as any[]).map((c) => c?.id).filter(Boolean),
      tags: ((item.variant?.product?.tags ?? []) as any[]).map((t) => t?.value).filter(Boolean),
      quantity,
      fulfilled: n(detail.fulfilled_quantity),
      shipped: n(detail.shipped_quantity),
      delivered: n(detail.delivered_quantity),
      returned: n(detail.return_requested_quantity) + n(detail.return_received_quantity) + n(detail.return_dismissed_quantity),
      delivered_at: deliveredAt(item.id),
    }
    return {
      facts,
      variant_id: (item.variant_id as string | null) ?? null,
      sku: (item.variant_sku as string | null) ?? null,
      thumbnail: (item.thumbnail as string | null) ?? null,
      /**
       * The line's total for all its units, taxes and discounts included. Medusa's item total counts only
       * the units not received back yet, so it is scaled back up to the whole line.
       */
      line_total: lineTotal(item, quantity),
      /** units of the line returned (or asked back) before, in any channel */
      returned_before: facts.returned,
      unit_refund: quantity ? roundToCurrency(MathBN.div(lineTotal(item, quantity), quantity), order.currency_code) : 0,
      /** the stock one unit is made of (none when the variant's stock is not managed) */
      inventory: item.variant?.manage_inventory
        ? ((item.variant.inventory_items ?? []) as any[]).map((link) => ({
            inventory_item_id: link.inventory_item_id as string,
            required_quantity: n(link.required_quantity) || 1,
          }))
        : [],
    }
  })
  return {
    id: order.id as string,
    display_id: order.display_id as number,
    email: (order.email as string | null) ?? null,
    status: order.status as string,
    created_at: new Date(order.created_at),
    currency_code: order.currency_code as string,
    total: roundToCurrency(order.total, order.currency_code),
    sales_channel: order.sales_channel ?? null,
    customer_name: [order.customer?.first_name, order.customer?.last_name].filter(Boolean).join(" ") || null,
    pos_store_id: (order.metadata?.pos_store_id as string | undefined) ?? null,
    lines,
  }
}

function lineTotal(item: any, quantity: number) {
  const detail = item.detail ?? {}
  const kept = quantity - n(detail.return_received_quantity) - n(detail.return_dismissed_quantity)
  return kept > 0 ? MathBN.div(MathBN.mult(item.total ?? 0, quantity), kept).toString() : "0"
}

/** A disabled channel's or a canceled order takes no returns (400, saying which). */
export function throwIfOrderTakesNoReturns(order: OrderForReturn) {
  if (order.status === "canceled") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Order #${order.display_id} (${order.id}) was canceled: nothing to return`)
  }
  if (order.sales_channel?.is_disabled) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Order #${order.display_id} was sold in ${order.sales_channel.name ?? order.sales_channel.id}, a disabled sales channel: it takes no returns`
    )
  }
}
