import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError, Modules, PromotionStatus } from "@medusajs/framework/utils"
import { createPromotionsWorkflow, markPaymentCollectionAsPaid } from "@medusajs/medusa/core-flows"
import { createHash } from "node:crypto"
import { currencyDecimals, lineRefundPart, roundToCurrency } from "../utils/money"
import { perLine } from "../../lib/order-lines"
import { splitRefund } from "../../lib/refund-split"
import {
  checkReturnRequest,
  evaluateReturnEligibility,
  returnPolicyFor,
  type Disposition,
  type ReturnPolicy,
} from "../../lib/returns/policy"
import { POS_MODULE } from "../../modules/pos"
import { RefundStatus } from "../../modules/pos/models/refund"
import { PosReturnStatus } from "../../modules/pos/models/return"
import type PosModuleService from "../../modules/pos/service"
import { assertDrawer, refundablePayments, refundToTenders } from "../refund/refund-to-tenders"
import { clientMessage } from "../utils/client-message"
import { exchangeAtStoreWorkflow } from "./exchange-at-store"
import { receiveReturnAtStoreWorkflow } from "./receive-return-at-store"
import { loadOrderForReturn, throwIfOrderTakesNoReturns } from "./utils/load-order-for-return"
import { dispositionLocation, ensureInventoryLevels, loadReturnStore, type ReturnStore } from "./utils/return-locations"

export type TakeReturnLine = { line_item_id: string; quantity: number; disposition: Disposition; reason?: string }

export type TakeReturnInput = {
  store_id: string
  staff_id: string
  order_id: string
  idempotency_key: string
  lines: TakeReturnLine[]
  refund_to: "original" | "store_credit"
  /** the open shift whose drawer pays cash back */
  shift_id?: string
  /** why a refusing rule is overridden; asking for an override needs a manager */
  override_reason?: string
  /** an exchange: what the customer takes instead, from this store's shelf */
  new_items?: { variant_id: string; quantity: number }[]
  /** called only when the return needs an override: a manager's authority (throws 403 otherwise) */
  authorizeOverride: () => Promise<{ approved_by: string; approval_id?: string }>
}

export type ReturnLineRecord = TakeReturnLine & {
  title: string
  variant_id: string | null
  amount: number
  location_id: string
  /** the stock one unit is made of */
  inventory: { inventory_item_id: string; required_quantity: number }[]
  /** units put back into sellable stock here, later for refurbished units */
  restocked_quantity: number
  restocked_at: string | null
}

export type StockMovement = {
  location_id: string
  location_name: string
  inventory_item_id: string
  quantity: number
  disposition: Disposition
}

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
export async function previewReturnRefund(
  container: MedusaContainer,
  order: Awaited<ReturnType<typeof loadOrderForReturn>>,
  lines: { line_item_id: string; quantity: number }[]
) {
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
  const { payments } = await refundablePayments(container, order.id)
  const refundable = Math.min(amount, refundableLeft(payments, order.currency_code))
  const split = refundable > 0 ? splitRefund(refundable, payments, { code: order.currency_code, decimals: currencyDecimals(order.currency_code) }) : []
  return { amount, refundable, split: split.map((p) => ({ kind: p.kind, amount: p.amount })) }
}

/**
 * A return at the store's till, in one call: the policy checked (a manager
 * may override a refusing rule, with a reason), Medusa's return received at
 * this store with a disposition per line, the stock put where the disposition
 * says, then the refund to the original tenders (or as store credit). The
 * same idempotency key again answers the same return, or finishes a refund
 * that failed, never receiving or refunding twice.
 */
export async function takeReturn(container: MedusaContainer, input: TakeReturnInput) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  return await container.resolve(Modules.LOCKING).execute(`pos:order-return:${input.order_id}`, async () => {
    const [existing] = await pos.listPosReturns({ order_id: input.order_id, idempotency_key: input.idempotency_key })
    if (existing) {
      if (existing.store_id !== input.store_id) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `idempotency_key ${input.idempotency_key} was used for a return of this order at another store`
        )
      }
      const same =
        JSON.stringify(sameLines(existing.lines as any)) === JSON.stringify(sameLines(input.lines)) &&
        existing.refund_to === input.refund_to &&
        (existing.new_items_amount != null || existing.exchange_id != null) === !!input.new_items?.length
      if (!same) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `idempotency_key ${input.idempotency_key} was used for another return of this order (${existing.id})`
        )
      }
      if (existing.status !== PosReturnStatus.RECEIVING) {
        const settled = await settleRefund(container, existing, input)
        return { ...settled, replayed: true }
      }
      // a return interrupted after Medusa's return ran: finish it; one that never got that far starts over
      const done = await medusaChangeOf(container, existing)
      if (done) {
        const received = await completeReceived(container, existing, done)
        await announceReceived(container, received, input)
        const settled = await settleRefund(container, received, input)
        return { ...settled, replayed: true }
      }
      await pos.deletePosReturns(existing.id)
    }

    const { store, order, policy, lines: eligibility } = await returnEligibility(container, input)
    throwIfDispositionsUnsupported(input.lines, policy, store)
    if (input.refund_to === "store_credit" && !policy.store_credit) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Store credit is not offered at store ${store.code}: refund to the original tender`)
    }
    let check = checkReturnRequest(input.lines, eligibility, false)
    let needsOverride = false
    if (check.problems.length && input.override_reason) {
      check = checkReturnRequest(input.lines, eligibility, true)
      needsOverride = !check.problems.length
    }
    if (check.problems.length) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `This return cannot be taken: ${check.problems.join(". ")}`)
    }

    const byId = new Map(order.lines.map((l) => [l.facts.line_item_id, l]))
    const records: ReturnLineRecord[] = []
    for (const line of input.lines) {
      const info = byId.get(line.line_item_id)!
      records.push({
        ...line,
        title: info.facts.title,
        variant_id: info.variant_id,
        amount: lineRefundPart({ total: info.line_total, quantity: info.facts.quantity }, info.returned_before, line.quantity, order.currency_code),
        location_id: await dispositionLocation(container, store, line.disposition),
        inventory: info.inventory,
        restocked_quantity: line.disposition === "resellable" ? line.quantity : 0,
        restocked_at: line.disposition === "resellable" ? new Date().toISOString() : null,
      })
    }
    const amount = roundToCurrency(MathBN.add(0, ...records.map((r) => r.amount)), order.currency_code)
    const exchange = input.new_items?.length ? await newItemsOf(container, input.new_items) : null
    if (exchange) {
      // the difference is paid or paid back at this till, whichever way it goes
      await assertDrawer(pos, { ...input, amount })
    } else if (input.refund_to === "original" && amount > 0) {
      // refused before anything is received: cash going back without an open drawer
      // (what was refunded already, e.g. a goodwill refund, caps what this return can give back)
      const { payments } = await refundablePayments(container, order.id)
      const check = Math.min(amount, refundableLeft(payments, order.currency_code))
      if (check > 0 && splitRefund(check, payments, { code: order.currency_code, decimals: currencyDecimals(order.currency_code) }).some((p) => p.kind === "cash")) {
        await assertDrawer(pos, { ...input, amount })
      }
    }
    // a manager's approval is used up only once nothing else can refuse the return
    const override = needsOverride ? await input.authorizeOverride() : null

    const movements = planMovements(records)
    // Medusa receives every returned item at the store's location (damaged ones too), and needs a level there
    await ensureInventoryLevels(container, [
      ...records.flatMap((r) => r.inventory.map((i) => ({ inventory_item_id: i.inventory_item_id, location_id: store.location_id }))),
      ...movements.map((m) => ({ inventory_item_id: m.inventory_item_id, location_id: m.location_id })),
    ])
    // the row first: a retry after a crash between Medusa's return and this row's completion finds it
    const pending = await pos.createPosReturns({
      order_id: order.id,
      store_id: store.id,
      staff_id: input.staff_id,
      idempotency_key: input.idempotency_key,
      status: PosReturnStatus.RECEIVING,
      refund_to: input.refund_to,
      currency_code: order.currency_code,
      amount,
      lines: records as unknown as Record<string, unknown>,
      movements: (await nameLocations(container, movements)) as unknown as Record<string, unknown>,
      approval_id: override?.approval_id ?? null,
      override_reason: override ? input.override_reason! : null,
      received_at: new Date(),
    })
    const received = {
      order_id: order.id,
      location_id: store.location_id,
      staff_id: input.staff_id,
      // the row's id in the order change's description: how a retry recognises Medusa's return as this one
      description: `${exchange ? "Exchanged" : "Returned"} at ${store.name} [${pending.id}]`,
      items: perLine(records).map((r) => ({ ...r, internal_note: records.find((x) => x.line_item_id === r.id)?.reason })),
      receive: perLine(records.filter((r) => r.disposition === "resellable")),
      dismiss: perLine(records.filter((r) => r.disposition !== "resellable")),
      holds: movements
        .filter((m) => m.disposition !== "resellable")
        .map((m) => ({ inventory_item_id: m.inventory_item_id, location_id: m.location_id, adjustment: m.quantity })),
    }
    let result: { return_id: string; exchange_id?: string }
    try {
      if (exchange) {
        await ensureInventoryLevels(
          container,
          exchange.flatMap((n) => n.inventory.map((i) => ({ inventory_item_id: i.inventory_item_id, location_id: store.location_id })))
        )
        result = (await exchangeAtStoreWorkflow(container).run({ input: { ...received, new_items: exchange } })).result
      } else {
        result = (await receiveReturnAtStoreWorkflow(container).run({ input: received })).result
      }
    } catch (error) {
      // Medusa's workflow undid itself: nothing was received, and the key is free again
      await pos.deletePosReturns(pending.id)
      throw error
    }
    const posReturn = await completeReceived(container, pending, result)
    await announceReceived(container, posReturn, input, override)
    const settled = await settleRefund(container, posReturn, input)
    return { ...settled, replayed: false }
  })
}

/** The audit row and `return.received_in_store` of a received return. */
async function announceReceived(
  container: MedusaContainer,
  posReturn: any,
  input: TakeReturnInput,
  override: { approved_by: string } | null = null
) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const lines = posReturn.lines as ReturnLineRecord[]
  await pos.createPosAuditLogs({
    actor_type: "staff",
    actor_id: input.staff_id,
    store_id: posReturn.store_id,
    action: `${posReturn.exchange_id ? "exchange" : "return"}.received${posReturn.override_reason ? "_with_override" : ""}`,
    resource_type: "order",
    resource_id: posReturn.order_id,
    data: {
      return_id: posReturn.id,
      medusa_return_id: posReturn.return_id,
      exchange_id: posReturn.exchange_id ?? null,
      lines: lines.map((r) => ({ line_item_id: r.line_item_id, quantity: r.quantity, disposition: r.disposition })),
      ...(posReturn.override_reason ? { approved_by: override?.approved_by ?? null, override_reason: posReturn.override_reason } : {}),
    },
  })
  await container.resolve(Modules.EVENT_BUS).emit({
    name: "return.received_in_store",
    data: { id: posReturn.id, order_id: posReturn.order_id, return_id: posReturn.return_id, store_id: posReturn.store_id },
  })
}

/**
 * Completes the row once Medusa's return (or exchange) stands: its ids, and
 * the money from Medusa's order summary. What goes back is what the units
 * cost, never more than Medusa says the order owes now; an exchange's
 * difference is what the summary says, one way or the other.
 */
async function completeReceived(container: MedusaContainer, row: any, ids: { return_id: string; exchange_id?: string | null }) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const pending = await pendingDifference(container, row.order_id)
  const lineAmounts = MathBN.convert(row.amount).toNumber()
  // what was refunded already (a goodwill refund) is not paid again: the return gives back at most what is left
  const { payments } = await refundablePayments(container, row.order_id)
  const left = refundableLeft(payments, row.currency_code)
  const newItems = ids.exchange_id ? await newItemsAmount(container, row.order_id, ids.exchange_id) : null
  // an exchange's difference is this exchange's alone (new items against the lines coming back), never
  // what else the order owes or is owed; Medusa keeps prices unrounded, so this is within a cent of its summary
  const difference = newItems === null ? null : roundToCurrency(MathBN.sub(newItems, lineAmounts), row.currency_code)
  return await pos.updatePosReturns({
    id: row.id,
    return_id: ids.return_id,
    exchange_id: ids.exchange_id ?? null,
    new_items_amount: newItems,
    collected_amount: difference === null ? null : Math.max(0, difference),
    amount: roundToCurrency(
      difference === null ? Math.min(lineAmounts, Math.max(0, -pending), left) : Math.min(Math.max(0, -difference), left),
      row.currency_code
    ),
    status: PosReturnStatus.RECEIVED,
  })
}

/** What an order's payments can still give back: captured less refunded. */
function refundableLeft(payments: { captured: number; refunded: number }[], currencyCode: string) {
  return roundToCurrency(MathBN.add(0, ...payments.map((p) => MathBN.max(0, MathBN.sub(p.captured, p.refunded)))), currencyCode)
}

/** Medusa's confirmed return (or exchange) that this row started, found by the row's id in the change's description. */
async function medusaChangeOf(container: MedusaContainer, row: any) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order_change",
    fields: ["id", "status", "description", "return_id", "exchange_id"],
    filters: { order_id: row.order_id },
  })
  const change = (data as any[]).find((c) => c?.status === "confirmed" && String(c.description ?? "").includes(`[${row.id}]`))
  if (!change) {
    return null
  }
  let ids: { return_id: string; exchange_id: string | null } = { return_id: change.return_id as string, exchange_id: null }
  if (change.exchange_id) {
    const { data: exchanges } = await query.graph({ entity: "order_exchange", fields: ["id", "return_id"], filters: { id: change.exchange_id } })
    ids = { return_id: (exchanges[0] as any).return_id as string, exchange_id: change.exchange_id as string }
  }
  // the request was confirmed, but was the return received too? If not, a person has to look
  const { data: returns } = await query.graph({ entity: "return", fields: ["id", "status"], filters: { id: ids.return_id } })
  if ((returns[0] as any)?.status !== "received") {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `Return ${row.id} was interrupted before Medusa's return ${ids.return_id} was received (it is ${(returns[0] as any)?.status ?? "missing"}): finish or cancel it in the dashboard`
    )
  }
  return ids
}

const sameLines = (lines: TakeReturnLine[]) =>
  lines.map((l) => [l.line_item_id, l.quantity, l.disposition]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))

function throwIfDispositionsUnsupported(lines: TakeReturnLine[], policy: ReturnPolicy, store: ReturnStore) {
  const unsupported = [...new Set(lines.map((l) => l.disposition).filter((d) => !policy.dispositions.includes(d)))]
  if (unsupported.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Store ${store.code} does not take returns as ${unsupported.join(", ")}; it supports ${policy.dispositions.join(", ")}`
    )
  }
}

/** Per inventory item and destination, what the return puts where. */
function planMovements(records: ReturnLineRecord[]): Omit<StockMovement, "location_name">[] {
  const moves = new Map<string, Omit<StockMovement, "location_name">>()
  for (const record of records) {
    for (const part of record.inventory) {
      const location_id = record.location_id
      const key = `${part.inventory_item_id}|${location_id}|${record.disposition}`
      const current = moves.get(key)
      const quantity = MathBN.mult(part.required_quantity, record.quantity).toNumber()
      moves.set(key, {
        location_id,
        inventory_item_id: part.inventory_item_id,
        disposition: record.disposition,
        quantity: (current?.quantity ?? 0) + quantity,
      })
    }
  }
  return [...moves.values()]
}

async function nameLocations(container: MedusaContainer, movements: Omit<StockMovement, "location_name">[]): Promise<StockMovement[]> {
  if (!movements.length) {
    return []
  }
  const locations = await container
    .resolve(Modules.STOCK_LOCATION)
    .listStockLocations({ id: [...new Set(movements.map((m) => m.location_id))] }, { select: ["id", "name"] })
  const names = new Map(locations.map((l: any) => [l.id, l.name as string]))
  return movements.map((m) => ({ ...m, location_name: names.get(m.location_id) ?? m.location_id }))
}

/** Medusa's order summary: more than 0 when the customer owes, less than 0 when they are owed. */
async function pendingDifference(container: MedusaContainer, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id", "summary.*"], filters: { id: orderId } })
  return MathBN.convert((data[0] as any)?.summary?.pending_difference ?? 0).toNumber()
}

/** An exchange's new items with the stock each unit is made of; 404 for an unknown variant. */
async function newItemsOf(container: MedusaContainer, items: { variant_id: string; quantity: number }[]) {
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
async function newItemsAmount(container: MedusaContainer, orderId: string, exchangeId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: exchanges } = await query.graph({ entity: "order_exchange", fields: ["additional_items.item_id"], filters: { id: exchangeId } })
  const itemIds = (((exchanges[0] as any)?.additional_items ?? []) as any[]).map((a) => a.item_id as string)
  // order totals are computed only when the order's total is asked for too
  const { data } = await query.graph({ entity: "order", fields: ["id", "currency_code", "total", "items.*", "items.total"], filters: { id: orderId } })
  const order = data[0] as any
  const total = MathBN.add(
    0,
    ...((order?.items ?? []) as any[]).filter((i) => itemIds.includes(i?.id)).map((i) => i.total ?? 0)
  )
  return roundToCurrency(total, order.currency_code)
}

/**
 * The money of a received return: to the original tenders through the
 * refund split (refundToTenders, idempotent per return), or as a store-credit
 * code. A refund that fails leaves the return received with the reason; the
 * same call again finishes it.
 */
async function settleRefund(container: MedusaContainer, posReturn: any, input: TakeReturnInput) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const amount = MathBN.convert(posReturn.amount).toNumber()
  const collect = MathBN.convert(posReturn.collected_amount ?? 0).toNumber()
  const done = [PosReturnStatus.REFUNDED, PosReturnStatus.CREDITED, PosReturnStatus.SETTLED].includes(posReturn.status)
  const failed = async (error: any) => {
    // the return stands and the stock moved: the money waits with the reason, and the same key finishes it
    const reason = clientMessage(container, error, `Refund of return ${posReturn.id}`)
    const updated = await pos.updatePosReturns({ id: posReturn.id, status: PosReturnStatus.REFUND_FAILED, failure_reason: reason })
    return { pos_return: updated, refund: null, error: reason }
  }
  if (!done && collect > 0) {
    try {
      await collectDifference(container, posReturn, collect, input)
    } catch (error) {
      return await failed(error)
    }
    const updated = await pos.updatePosReturns({ id: posReturn.id, status: PosReturnStatus.SETTLED, refunded_at: new Date(), failure_reason: null })
    return { pos_return: updated, refund: null }
  }
  if (done || !(amount > 0)) {
    return { pos_return: posReturn, refund: posReturn.refund_id ? await pos.retrievePosRefund(posReturn.refund_id) : null }
  }
  if (posReturn.refund_to === "store_credit") {
    let code: string
    try {
      code = await issueStoreCredit(container, posReturn)
    } catch (error) {
      return await failed(error)
    }
    const updated = await pos.updatePosReturns({
      id: posReturn.id,
      status: PosReturnStatus.CREDITED,
      store_credit_code: code,
      refunded_at: new Date(),
      failure_reason: null,
    })
    return { pos_return: updated, refund: null }
  }
  try {
    const { refund } = await refundToTenders(container, {
      order_id: posReturn.order_id,
      amount,
      idempotency_key: `return-${posReturn.id}`,
      reason: `Return ${posReturn.id}`,
      staff_id: input.staff_id,
      store_id: posReturn.store_id,
      shift_id: input.shift_id,
    })
    const ok = refund.status === RefundStatus.SUCCEEDED
    const updated = await pos.updatePosReturns({
      id: posReturn.id,
      refund_id: refund.id,
      status: ok ? PosReturnStatus.REFUNDED : PosReturnStatus.REFUND_FAILED,
      failure_reason: ok ? null : refund.failure_reason,
      refunded_at: ok ? new Date() : null,
    })
    return { pos_return: updated, refund }
  } catch (error: any) {
    // refused before any money moved (e.g. the drawer's shift closed since): the return stands, the refund waits
    return await failed(error)
  }
}

/**
 * An exchange worth more than what came back: the customer pays the
 * difference in cash into this till's drawer, and Medusa's outstanding
 * payment collection is marked paid with the cash provider. Each part is
 * skipped when it already happened, so a retry never takes the money twice.
 */
async function collectDifference(container: MedusaContainer, posReturn: any, amount: number, input: TakeReturnInput) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "display_id", "payment_collections.id", "payment_collections.status"],
    filters: { id: posReturn.order_id },
  })
  const order = data[0] as any
  await assertDrawer(pos, { ...input, amount })
  const open = ((order.payment_collections ?? []) as any[]).find((pc) => pc?.status === "not_paid")
  if (open) {
    await markPaymentCollectionAsPaid(container).run({
      input: {
        payment_collection_id: open.id,
        order_id: order.id,
        captured_by: input.staff_id,
        provider_id: pos.settings.cash_payment_provider_id,
      },
    })
  }
  const reason = `Exchange difference of order #${order.display_id} [${posReturn.id}]`
  const [taken] = await pos.listPosCashMovements({ reason }, { select: ["id"] })
  if (!taken) {
    await pos.createPosCashMovements({ shift_id: input.shift_id!, amount, reason, staff_id: input.staff_id })
  }
}

/**
 * Store credit as a single-use promotion code for the amount, usable at any
 * till or online like any other code (Medusa 2.21 has no store-credit balance).
 * The code derives from the return, so a retry finds it instead of issuing another.
 */
async function issueStoreCredit(container: MedusaContainer, posReturn: any) {
  const code = `CREDIT-${createHash("sha256").update(posReturn.id).digest("hex").slice(0, 10).toUpperCase()}`
  const [issued] = await container.resolve(Modules.PROMOTION).listPromotions({ code }, { select: ["id"] })
  if (issued) {
    return code
  }
  await createPromotionsWorkflow(container).run({
    input: {
      promotionsData: [
        {
          code,
          type: "standard",
          status: PromotionStatus.ACTIVE,
          is_automatic: false,
          // the credit is what the customer paid, taxes included
          is_tax_inclusive: true,
          limit: 1,
          application_method: {
            type: "fixed",
            target_type: "order",
            allocation: "across",
            value: MathBN.convert(posReturn.amount).toNumber(),
            currency_code: posReturn.currency_code,
          },
        } as any,
      ],
    },
  })
  return code
}
