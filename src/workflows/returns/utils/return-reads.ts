import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { evaluateReturnEligibility, returnPolicyFor } from "../../../lib/returns/policy"
import type { StockMovement } from "../../../lib/returns/plan"
import { splitRefund } from "../../../lib/refund-split"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { refundablePayments } from "../../refund/refund-to-tenders"
import { currencyDecimals, lineRefundPart, roundToCurrency } from "../../utils/money"
import { loadOrderForReturn, throwIfOrderTakesNoReturns, type OrderForReturn } from "./load-order-for-return"
import { loadReturnStore } from "./return-locations"

/** An order's eligibility at a store: the policy there, and per line what may come back and why not. */
export async function returnEligibility(container: MedusaContainer, input: { order_id: string; store_id: string; now?: Date }) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const store = await loadReturnStore(container, input.store_id)
  const order = await loadOrderForReturn(container, input.order_id)
  throwIfOrderTakesNoReturns(order)
  const policy = returnPolicyFor(pos.settings.returns, store)
  const lines = evaluateReturnEligibility({
    lines: order.lines.map((l) => l.facts),
    policy,
    sold_at: order.created_at,
    now: input.now ?? new Date(),
  })
  return { store, order, policy, lines }
}

/**
 * What a return of these lines would give back, before anything is taken: the amount (as the return
 * computes it, taxes and discounts included, a line returned in parts exactly), capped by what the
 * order's payments have left, and its split over the original tenders (cards first, then other
 * payments, then cash). Lines are checked against the order, not against the policy: the
 * eligibility beside it says what the policy refuses.
 */
export async function previewReturnRefund(container: MedusaContainer, order: OrderForReturn, lines: { line_item_id: string; quantity: number }[]) {
  const byId = new Map(order.lines.map((l) => [l.facts.line_item_id, l]))
  const parts = lines.map((line) => {
    const info = byId.get(line.line_item_id)
    if (!info) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Line ${line.line_item_id} is not a line of order ${order.id}`)
    }
    const quantity = Math.min(line.quantity, Math.max(0, info.facts.quantity - info.returned_before))
    return quantity > 0 ? lineRefundPart({ total: info.line_total, quantity: info.facts.quantity }, info.returned_before, quantity, order.currency_code) : 0
  })
  const amount = roundToCurrency(MathBN.add(0, ...parts), order.currency_code)
  const split = await refundSplitOf(container, order.id, order.currency_code, amount)
  return { amount, refundable: split.refundable, split: split.parts.map((p) => ({ kind: p.kind, amount: p.amount })) }
}

/** How an amount would go back over an order's payments: capped by what they have left (a goodwill refund counts), split to the original tenders. */
export async function refundSplitOf(container: MedusaContainer, orderId: string, currencyCode: string, amount: number) {
  const { payments } = await refundablePayments(container, orderId)
  const refundable = Math.min(amount, refundableLeft(payments, currencyCode))
  const parts = refundable > 0 ? splitRefund(refundable, payments, { code: currencyCode, decimals: currencyDecimals(currencyCode) }) : []
  return { refundable, parts }
}

/** What an order's payments can still give back: captured less refunded. */
export async function refundableLeftOf(container: MedusaContainer, orderId: string, currencyCode: string) {
  const { payments } = await refundablePayments(container, orderId)
  return refundableLeft(payments, currencyCode)
}

function refundableLeft(payments: { captured: number; refunded: number }[], currencyCode: string) {
  return roundToCurrency(MathBN.add(0, ...payments.map((p) => MathBN.max(0, MathBN.sub(p.captured, p.refunded)))), currencyCode)
}

/** Medusa's order summary: more than 0 when the customer owes, less than 0 when they are owed. */
export async function pendingDifference(container: MedusaContainer, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id", "summary.*"], filters: { id: orderId } })
  return MathBN.convert((data[0] as any)?.summary?.pending_difference ?? 0).toNumber()
}

/** An exchange's new items with the stock each unit is made of; 404 for an unknown variant. */
export async function newItemsOf(container: MedusaContainer, items: { variant_id: string; quantity: number }[]) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "manage_inventory", "inventory_items.inventory_item_id", "inventory_items.required_quantity"],
    filters: { id: items.map((i) => i.variant_id) },
  })
  return items.map((item) => {
    const variant = (data as any[]).find((v) => v.id === item.variant_id)
    if (!variant) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Variant ${item.variant_id} was not found`)
    }
    return {
      ...item,
      inventory: variant.manage_inventory
        ? ((variant.inventory_items ?? []) as any[]).map((link) => ({
            inventory_item_id: link.inventory_item_id as string,
            required_quantity: MathBN.convert(link.required_quantity ?? 1).toNumber(),
          }))
        : [],
    }
  })
}

/** What Medusa priced an exchange's new items at (taxes included). */
export async function newItemsAmount(container: MedusaContainer, orderId: string, exchangeId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: exchanges } = await query.graph({ entity: "order_exchange", fields: ["additional_items.item_id"], filters: { id: exchangeId } })
  const itemIds = (((exchanges[0] as any)?.additional_items ?? []) as any[]).map((a) => a.item_id as string)
  // order totals are computed only when the order's total is asked for too
  const { data } = await query.graph({ entity: "order", fields: ["id", "currency_code", "total", "items.*", "items.total"], filters: { id: orderId } })
  const order = data[0] as any
  const total = MathBN.add(0, ...((order?.items ?? []) as any[]).filter((i) => itemIds.includes(i?.id)).map((i) => i.total ?? 0))
  return roundToCurrency(total, order.currency_code)
}

/** Movements with their locations' names, as a return keeps them. */
export async function nameLocations(container: MedusaContainer, movements: Omit<StockMovement, "location_name">[]): Promise<StockMovement[]> {
  if (!movements.length) {
    return []
  }
  const locations = await container
    .resolve(Modules.STOCK_LOCATION)
    .listStockLocations({ id: [...new Set(movements.map((m) => m.location_id))] }, { select: ["id", "name"] })
  const names = new Map(locations.map((l: any) => [l.id, l.name as string]))
  return movements.map((m) => ({ ...m, location_name: names.get(m.location_id) ?? m.location_id }))
}

/**
 * Where Medusa's order change that a return began stands: `received` with the return's (and
 * exchange's) ids once it was confirmed and its return received; `open` while it is still being
 * made (a crash in the middle of Medusa's return); `gone` when it was canceled or never stored.
 */
export async function orderChangeOutcome(
  container: MedusaContainer,
  orderChangeId: string
): Promise<
  | { state: "received"; return_id: string; exchange_id: string | null }
  | { state: "open"; return_id: string | null; exchange_id: string | null; status: string }
  | { state: "gone" }
> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order_change",
    fields: ["id", "status", "return_id", "exchange_id", "canceled_at"],
    filters: { id: orderChangeId },
  })
  const change = data[0] as any
  if (!change || change.status === "canceled" || change.status === "declined") {
    return { state: "gone" }
  }
  let returnId = (change.return_id as string | null) ?? null
  if (change.exchange_id) {
    const { data: exchanges } = await query.graph({ entity: "order_exchange", fields: ["id", "return_id"], filters: { id: change.exchange_id } })
    returnId = ((exchanges[0] as any)?.return_id as string | null) ?? returnId
  }
  const exchangeId = (change.exchange_id as string | null) ?? null
  if (change.status !== "confirmed" || !returnId) {
    return { state: "open", return_id: returnId, exchange_id: exchangeId, status: change.status }
  }
  const { data: returns } = await query.graph({ entity: "return", fields: ["id", "status"], filters: { id: returnId } })
  const status = (returns[0] as any)?.status as string | undefined
  return status === "received"
    ? { state: "received", return_id: returnId, exchange_id: exchangeId }
    : { state: "open", return_id: returnId, exchange_id: exchangeId, status: `confirmed, its return ${status ?? "missing"}` }
}
