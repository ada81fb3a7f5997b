import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError, Modules, PromotionStatus } from "@medusajs/framework/utils"
import { createPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { createHash } from "node:crypto"
import { roundToCurrency } from "../../lib/money"
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
      const same = JSON.stringify(sameLines(existing.lines as any)) === JSON.stringify(sameLines(input.lines))
      if (!same) {
        throw new MedusaError(
          MedusaError.Types.DUPLICATE_ERROR,
          `idempotency_key ${input.idempotency_key} was used for another return of this order (${existing.id})`
        )
      }
      const settled = await settleRefund(container, existing, input)
      return { ...settled, replayed: true }
    }

    const { store, order, policy, lines: eligibility } = await returnEligibility(container, input)
    throwIfDispositionsUnsupported(input.lines, policy, store)
    if (input.refund_to === "store_credit" && !policy.store_credit) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Store credit is not offered at store ${store.code}: refund to the original tender`)
    }
    let check = checkReturnRequest(input.lines, eligibility, false)
    let override: { approved_by: string; approval_id?: string } | null = null
    if (check.problems.length && input.override_reason) {
      check = checkReturnRequest(input.lines, eligibility, true)
      if (!check.problems.length) {
        override = await input.authorizeOverride()
      }
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
        amount: roundToCurrency(info.unit_refund * line.quantity, order.currency_code),
        location_id: await dispositionLocation(container, store, line.disposition),
        inventory: info.inventory,
        restocked_quantity: line.disposition === "resellable" ? line.quantity : 0,
        restocked_at: line.disposition === "resellable" ? new Date().toISOString() : null,
      })
    }
    const amount = roundToCurrency(
      records.reduce((sum, r) => sum + r.amount, 0),
      order.currency_code
    )
    if (input.refund_to === "original" && amount > 0) {
      // refused before anything is received: a refund the payments cannot take, or cash without an open drawer
      const { payments } = await refundablePayments(container, order.id)
      if (splitRefund(amount, payments, order.currency_code).some((p) => p.kind === "cash")) {
        await assertDrawer(pos, { ...input, amount })
      }
    }

    const movements = planMovements(records)
    await ensureInventoryLevels(
      container,
      movements.map((m) => ({ inventory_item_id: m.inventory_item_id, location_id: m.location_id }))
    )
    const { result } = await receiveReturnAtStoreWorkflow(container).run({
      input: {
        order_id: order.id,
        location_id: store.location_id,
        staff_id: input.staff_id,
        description: `Returned at ${store.name}`,
        items: perLine(records).map((r) => ({ ...r, internal_note: records.find((x) => x.line_item_id === r.id)?.reason })),
        receive: perLine(records.filter((r) => r.disposition === "resellable")),
        dismiss: perLine(records.filter((r) => r.disposition !== "resellable")),
        holds: movements
          .filter((m) => m.disposition !== "resellable")
          .map((m) => ({ inventory_item_id: m.inventory_item_id, location_id: m.location_id, adjustment: m.quantity })),
      },
    })

    // what goes back is what the units cost, never more than Medusa says the order owes now
    const owed = await amountOwed(container, order.id)
    const posReturn = await pos.createPosReturns({
      order_id: order.id,
      store_id: store.id,
      staff_id: input.staff_id,
      idempotency_key: input.idempotency_key,
      return_id: result.return_id,
      status: PosReturnStatus.RECEIVED,
      refund_to: input.refund_to,
      currency_code: order.currency_code,
      amount: roundToCurrency(Math.min(amount, owed), order.currency_code),
      lines: records as unknown as Record<string, unknown>,
      movements: (await nameLocations(container, movements)) as unknown as Record<string, unknown>,
      approval_id: override?.approval_id ?? null,
      override_reason: override ? input.override_reason! : null,
      received_at: new Date(),
    })
    await pos.createPosAuditLogs({
      actor_type: "staff",
      actor_id: input.staff_id,
      store_id: store.id,
      action: override ? "return.received_with_override" : "return.received",
      resource_type: "order",
      resource_id: order.id,
      data: {
        return_id: posReturn.id,
        medusa_return_id: result.return_id,
        lines: records.map((r) => ({ line_item_id: r.line_item_id, quantity: r.quantity, disposition: r.disposition })),
        ...(override ? { approved_by: override.approved_by, override_reason: input.override_reason } : {}),
      },
    })
    await container.resolve(Modules.EVENT_BUS).emit({
      name: "return.received_in_store",
      data: { id: posReturn.id, order_id: order.id, return_id: result.return_id, store_id: store.id },
    })
    const settled = await settleRefund(container, posReturn, input)
    return { ...settled, replayed: false }
  })
}

/** One entry per order line (a line may come back in several dispositions), as Medusa's return takes them. */
function perLine(records: ReturnLineRecord[]) {
  const quantities = new Map<string, number>()
  for (const r of records) {
    quantities.set(r.line_item_id, (quantities.get(r.line_item_id) ?? 0) + r.quantity)
  }
  return [...quantities].map(([id, quantity]) => ({ id, quantity }))
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

/** What Medusa's order summary says is owed back to the customer (0 when nothing is). */
async function amountOwed(container: MedusaContainer, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id", "currency_code", "summary.*"], filters: { id: orderId } })
  const pending = MathBN.convert((data[0] as any)?.summary?.pending_difference ?? 0).toNumber()
  return pending < 0 ? -pending : 0
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
  const done = [PosReturnStatus.REFUNDED, PosReturnStatus.CREDITED].includes(posReturn.status)
  if (done || !(amount > 0)) {
    return { pos_return: posReturn, refund: posReturn.refund_id ? await pos.retrievePosRefund(posReturn.refund_id) : null }
  }
  if (posReturn.refund_to === "store_credit") {
    const code = await issueStoreCredit(container, posReturn)
    const updated = await pos.updatePosReturns({
      id: posReturn.id,
      status: PosReturnStatus.CREDITED,
      store_credit_code: code,
      refunded_at: new Date(),
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
    const updated = await pos.updatePosReturns({
      id: posReturn.id,
      status: PosReturnStatus.REFUND_FAILED,
      failure_reason: error?.message ?? String(error),
    })
    return { pos_return: updated, refund: null, error: error?.message ?? String(error) }
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
