import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { perLine } from "../../../lib/order-lines"
import { planMovements, reviewReturnRequest, sameReturnRequest, type ReturnLineRecord, type ReturnRequestedLine } from "../../../lib/returns/plan"
import { POS_MODULE } from "../../../modules/pos"
import { PosReturnStatus } from "../../../modules/pos/models/return"
import type PosModuleService from "../../../modules/pos/service"
import { assertDrawer } from "../../refund/refund-to-tenders"
import { authorizeManagerAction, type ManagerActionRequest } from "../../staff/utils/authorize-manager-action"
import { lineRefundPart, roundToCurrency } from "../../utils/money"
import type { ExchangeAtStoreInput } from "../exchange-at-store"
import type { ReceiveReturnAtStoreInput } from "../receive-return-at-store"
import { dispositionLocation, ensureInventoryLevels } from "../utils/return-locations"
import {
  nameLocations,
  newItemsAmount,
  newItemsOf,
  orderChangeOutcome,
  pendingDifference,
  refundableLeftOf,
  refundSplitOf,
  returnEligibility,
} from "../utils/return-reads"

/** A return (or, with new_items, an exchange) as a till asks for it. */
export type StoreReturnRequest = {
  store_id: string
  staff_id: string
  /** the asker's role at the store: a manager overrides a refusing rule without an approval */
  role: string
  order_id: string
  idempotency_key: string
  lines: ReturnRequestedLine[]
  refund_to: "original" | "store_credit"
  /** the open shift whose drawer pays cash back (or takes an exchange's difference) */
  shift_id?: string
  /** why a refusing rule is overridden; an override needs a manager, or a manager's approval */
  override_reason?: string
  /** a manager's PIN approval of `return.override_rule`, used up only when the return needs it */
  approval_id?: string
  /** what the customer takes instead, from this store's shelf */
  new_items?: { variant_id: string; quantity: number }[]
  /** the request, for the audit row of a refused override */
  request?: ManagerActionRequest["request"]
}

/**
 * What the return has to do, decided under the order's return lock: `receive` (a new return, its
 * row written as receiving, Medusa's return or exchange to run), `finish` (an earlier call's return
 * stands in Medusa but its row was not completed: a crash), or `settle` (received already: only the
 * money may be left). `replayed` when the idempotency key was seen before.
 */
export type PreparedStoreReturn = {
  action: "receive" | "finish" | "settle"
  pos_return_id: string
  replayed: boolean
  /** for `finish`: Medusa's return and exchange that stand */
  return_id: string | null
  exchange_id: string | null
  /** for `receive`: the input of Medusa's return (receiveReturnAtStoreWorkflow) or exchange (exchangeAtStoreWorkflow) */
  receive: (ReceiveReturnAtStoreInput & { new_items?: ExchangeAtStoreInput["new_items"] }) | null
  /** for `receive` with an override: who approved it */
  approved_by: string | null
}

type PrepareCompensation = { created_id: string | null; approval_id: string | null }

export const prepareStoreReturnStepId = "prepare-pos-store-return"

/**
 * The idempotency key first: the same key again answers the same return (another request with it
 * is 409), finishes a return a crash interrupted after Medusa's return stood (found by the order
 * change id the row kept), or starts over when Medusa's return never stood. A new return is
 * checked against the store's policy (a manager may override a refusing rule, with a reason), the
 * drawer (cash going back or an exchange's difference), then a manager's approval is used up, and
 * the row is written as receiving. Taken back: the row deleted, the approval usable again.
 */
export const prepareStoreReturnStep = createStep(
  prepareStoreReturnStepId,
  async (input: StoreReturnRequest, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const exchange = !!input.new_items?.length
    const answer = (prepared: Partial<PreparedStoreReturn> & Pick<PreparedStoreReturn, "action" | "pos_return_id" | "replayed">, undo: PrepareCompensation) =>
      new StepResponse<PreparedStoreReturn, PrepareCompensation>(
        { return_id: null, exchange_id: null, receive: null, approved_by: null, ...prepared },
        undo
      )

    const [existing] = await pos.listPosReturns({ order_id: input.order_id, idempotency_key: input.idempotency_key })
    if (existing) {
      if (existing.store_id !== input.store_id) {
        throw new MedusaError(MedusaError.Types.CONFLICT, `idempotency_key ${input.idempotency_key} was used for a return of this order at another store`)
      }
      // an interrupted row does not know yet whether it became an exchange: its lines and refund say it
      const kept = {
        lines: existing.lines as unknown as ReturnRequestedLine[],
        refund_to: existing.refund_to,
        exchange: existing.status === PosReturnStatus.RECEIVING ? exchange : existing.new_items_amount != null || existing.exchange_id != null,
      }
      if (!sameReturnRequest(kept, { lines: input.lines, refund_to: input.refund_to, exchange })) {
        throw new MedusaError(MedusaError.Types.CONFLICT, `idempotency_key ${input.idempotency_key} was used for another return of this order (${existing.id})`)
      }
      if (existing.status !== PosReturnStatus.RECEIVING) {
        return answer(
          { action: "settle", pos_return_id: existing.id, replayed: true, return_id: existing.return_id ?? null, exchange_id: existing.exchange_id ?? null },
          { created_id: null, approval_id: null }
        )
      }
      // interrupted: what became of Medusa's return it began?
      const outcome = existing.order_change_id
        ? await orderChangeOutcome(container, existing.order_change_id)
        : (await beganChangeOf(container, existing))
          ? ({ state: "open", return_id: null, exchange_id: null, status: "begun" } as const)
          : ({ state: "gone" } as const)
      if (outcome.state === "received" && existing.medusa_done_at) {
        if (!!outcome.exchange_id !== exchange) {
          throw new MedusaError(
            MedusaError.Types.CONFLICT,
            `idempotency_key ${input.idempotency_key} was used for ${outcome.exchange_id ? "an exchange" : "a return"} of this order (${existing.id})`
          )
        }
        return answer(
          { action: "finish", pos_return_id: existing.id, replayed: true, return_id: outcome.return_id, exchange_id: outcome.exchange_id },
          { created_id: null, approval_id: null }
        )
      }
      if (outcome.state !== "gone") {
        const what = outcome.exchange_id ? `exchange ${outcome.exchange_id}` : `return${outcome.return_id ? ` ${outcome.return_id}` : ""}`
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          outcome.state === "received"
            ? `Return ${existing.id} was interrupted after Medusa's ${what} was received but before its stock moves (held units, an exchange's hand-over) ` +
                `were all made: check the order's stock in the dashboard`
            : `Return ${existing.id} was interrupted while Medusa's ${what} was being made ` +
                `(its order change${existing.order_change_id ? ` ${existing.order_change_id}` : ""} is ${outcome.status}): finish or cancel it in the dashboard`
        )
      }
      // Medusa's return never stood: start over, with the approval the interrupted run used
      if (existing.approval_id && existing.staff_id === input.staff_id) {
        await pos.releaseApproval(existing.approval_id)
      }
      await pos.deletePosReturns(existing.id)
    }

    const { store, order, policy, lines: eligibility } = await returnEligibility(container, input)
    const review = reviewReturnRequest({
      lines: input.lines,
      eligibility,
      policy,
      store_code: store.code,
      refund_to: input.refund_to,
      override_reason: input.override_reason,
    })
    if (review.problems.length) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, review.problems.join(". "))
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
    const newItems = exchange ? await newItemsOf(container, input.new_items!) : null
    const drawer = { ...input, amount }
    if (newItems) {
      // the difference is paid or paid back at this till, whichever way it goes
      await assertDrawer(pos, drawer)
    } else if (input.refund_to === "original" && amount > 0) {
      // refused before anything is received: cash going back without an open drawer
      const split = await refundSplitOf(container, order.id, order.currency_code, amount)
      if (split.parts.some((p) => p.kind === "cash")) {
        await assertDrawer(pos, drawer)
      }
    }

    const movements = planMovements(records)
    // Medusa receives every returned item at the store's location (damaged ones too), and needs a level there
    await ensureInventoryLevels(container, [
      ...records.flatMap((r) => r.inventory.map((i) => ({ inventory_item_id: i.inventory_item_id, location_id: store.location_id }))),
      ...movements.map((m) => ({ inventory_item_id: m.inventory_item_id, location_id: m.location_id })),
      ...(newItems ?? []).flatMap((n) => n.inventory.map((i) => ({ inventory_item_id: i.inventory_item_id, location_id: store.location_id }))),
    ])
    const named = await nameLocations(container, movements)

    // a manager's approval is used up only once nothing else can refuse the return
    const override = review.needs_override
      ? await authorizeManagerAction(container, {
          store_id: store.id,
          staff_id: input.staff_id,
          role: input.role,
          action: "return.override_rule",
          approval_id: input.approval_id,
          request: input.request,
        })
      : null
    let row: any
    try {
      // the row first: a retry after a crash in Medusa's return finds it, with the order change it began
      row = await pos.createPosReturns({
        order_id: order.id,
        store_id: store.id,
        staff_id: input.staff_id,
        idempotency_key: input.idempotency_key,
        status: PosReturnStatus.RECEIVING,
        refund_to: input.refund_to,
        currency_code: order.currency_code,
        amount,
        lines: records as unknown as Record<string, unknown>,
        movements: named as unknown as Record<string, unknown>,
        approval_id: override?.approval_id ?? null,
        override_reason: override ? input.override_reason! : null,
        received_at: new Date(),
      })
    } catch (error) {
      if (override?.approval_id) {
        await pos.releaseApproval(override.approval_id)
      }
      throw error
    }
    return answer(
      {
        action: "receive",
        pos_return_id: row.id,
        replayed: false,
        approved_by: override?.approved_by ?? null,
        receive: {
          order_id: order.id,
          location_id: store.location_id,
          staff_id: input.staff_id,
          description: `${newItems ? "Exchanged" : "Returned"} at ${store.name} [${row.id}]`,
          pos_return_id: row.id,
          items: perLine(records).map((r) => ({ ...r, internal_note: records.find((x) => x.line_item_id === r.id)?.reason })),
          receive: perLine(records.filter((r) => r.disposition === "resellable")),
          dismiss: perLine(records.filter((r) => r.disposition !== "resellable")),
          holds: movements
            .filter((m) => m.disposition !== "resellable")
            .map((m) => ({ inventory_item_id: m.inventory_item_id, location_id: m.location_id, adjustment: m.quantity })),
          ...(newItems ? { new_items: newItems } : {}),
        },
      },
      { created_id: row.id, approval_id: override?.approval_id ?? null }
    )
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    if (undo.created_id) {
      const [row] = await pos.listPosReturns({ id: undo.created_id }, { select: ["id", "order_id", "order_change_id"] })
      if (row && (await medusaChangeStands(container, row))) {
        // Medusa's return could not be undone (its undo failed): the row stays receiving, with the
        // order change it began, and the same key finishes it or tells a person where it stands
        return
      }
      // Medusa's workflow undid itself: nothing was received, and the key is free again
      if (row) {
        await pos.deletePosReturns(undo.created_id)
      }
    }
    if (undo.approval_id) {
      await pos.releaseApproval(undo.approval_id)
    }
  }
)

export const recordReturnOrderChangeStepId = "record-pos-return-order-change"

/**
 * Keeps on the return's row the order change Medusa's return began, as soon as it exists. Never
 * forgotten, not even when the return is taken back: the row's own compensation reads it to tell a
 * return Medusa undid from one that still stands.
 */
export const recordReturnOrderChangeStep = createStep(
  recordReturnOrderChangeStepId,
  async (input: { pos_return_id?: string | null; order_change_id: string }, { container }) => {
    if (input.pos_return_id) {
      const pos: PosModuleService = container.resolve(POS_MODULE)
      await pos.updatePosReturns({ id: input.pos_return_id, order_change_id: input.order_change_id })
    }
    return new StepResponse(null)
  }
)

export const markReturnDoneInMedusaStepId = "mark-pos-return-done-in-medusa"

/**
 * The last step of Medusa's part of a return (or exchange): every stock move of it stood. A retry
 * after a crash finishes a row only with this mark; taken back, the mark goes.
 */
export const markReturnDoneInMedusaStep = createStep(
  markReturnDoneInMedusaStepId,
  async (input: { pos_return_id?: string | null }, { container }) => {
    if (!input.pos_return_id) {
      return new StepResponse(null, null)
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.updatePosReturns({ id: input.pos_return_id, medusa_done_at: new Date() })
    return new StepResponse(null, input.pos_return_id)
  },
  async (posReturnId, { container }) => {
    if (!posReturnId) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const [row] = await pos.listPosReturns({ id: posReturnId }, { select: ["id"] })
    if (row) {
      await pos.updatePosReturns({ id: posReturnId, medusa_done_at: null })
    }
  }
)

export const completeReceivedReturnStepId = "complete-pos-received-return"

/**
 * Completes the row once Medusa's return (or exchange) stands: its ids, and the money from Medusa's
 * order summary. What goes back is what the units cost, never more than Medusa says the order owes
 * now nor more than the payments have left (a goodwill refund counts); an exchange's difference is
 * this exchange's alone (new items against the lines coming back). Taken back, the row is receiving
 * again as it was.
 */
export const completeReceivedReturnStep = createStep(
  completeReceivedReturnStepId,
  async (input: { pos_return_id: string; return_id: string; exchange_id: string | null }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const row = await pos.retrievePosReturn(input.pos_return_id)
    if (row.status !== PosReturnStatus.RECEIVING) {
      return new StepResponse(row, null)
    }
    const pending = await pendingDifference(container, row.order_id)
    const lineAmounts = MathBN.convert(row.amount).toNumber()
    const left = await refundableLeftOf(container, row.order_id, row.currency_code)
    const newItems = input.exchange_id ? await newItemsAmount(container, row.order_id, input.exchange_id) : null
    // Medusa keeps prices unrounded, so the difference is within a cent of its summary
    const difference = newItems === null ? null : roundToCurrency(MathBN.sub(newItems, lineAmounts), row.currency_code)
    const updated = await pos.updatePosReturns({
      id: row.id,
      return_id: input.return_id,
      exchange_id: input.exchange_id ?? null,
      new_items_amount: newItems,
      collected_amount: difference === null ? null : Math.max(0, difference),
      amount: roundToCurrency(
        difference === null ? Math.min(lineAmounts, Math.max(0, -pending), left) : Math.min(Math.max(0, -difference), left),
        row.currency_code
      ),
      status: PosReturnStatus.RECEIVED,
    })
    return new StepResponse(updated, { id: row.id, amount: lineAmounts })
  },
  async (previous, { container }) => {
    if (!previous) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.updatePosReturns({
      id: previous.id,
      status: PosReturnStatus.RECEIVING,
      amount: previous.amount,
      return_id: null,
      exchange_id: null,
      new_items_amount: null,
      collected_amount: null,
    })
  }
)

/** Whether Medusa's order change that a return row began is still there (not undone, canceled or declined). */
async function medusaChangeStands(container: { resolve: (key: string) => any }, row: { id: string; order_id: string; order_change_id?: string | null }) {
  if (row.order_change_id) {
    return (await orderChangeOutcome(container as any, row.order_change_id)).state !== "gone"
  }
  return !!(await beganChangeOf(container, row))
}

/**
 * A change Medusa's return began for this row before the row kept its id (a crash right after the
 * begin): found by the row's id in the change's description, while it is not canceled or declined.
 */
async function beganChangeOf(container: { resolve: (key: string) => any }, row: { id: string; order_id: string }) {
  const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
    entity: "order_change",
    fields: ["id", "status", "description"],
    filters: { order_id: row.order_id },
  })
  return (
    (data as any[]).find(
      (c) => c && !["canceled", "declined"].includes(c.status) && String(c.description ?? "").includes(`[${row.id}]`)
    ) ?? null
  )
}
