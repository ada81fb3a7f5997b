import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { markOrderFulfillmentAsDeliveredWorkflow } from "@medusajs/medusa/core-flows"
import { POS_MODULE } from "../../../modules/pos"
import { RoutingDecisionStatus } from "../../../modules/pos/models/routing-decision"
import { StoreTaskKind, StoreTaskStatus } from "../../../modules/pos/models/store-task"
import type PosModuleService from "../../../modules/pos/service"
import { routeRemainder } from "../../routing/reroute"
import { captureOrderPayments } from "../../sale/steps/tender-payments"
import { endlessOf } from "../../sale/utils/endless-aisle"
import { codeMatches, newPickupCode, pickupCodeHash, sealPickupCode } from "../utils/pickup-code"
import { checkTaskAction, taskAuditEntry, transfersStillOut, type ShortUnits, type TaskAction } from "../utils/tasks"

/** The task as stored (with its code's hash, which never leaves the server), refused unless the action fits it. */
export const loadStoreTaskStep = createStep(
  "load-pos-store-task",
  async (input: { task_id: string; action: TaskAction }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const [task] = await pos.listPosStoreTasks({ id: input.task_id })
    if (!task) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Task ${input.task_id} was not found`)
    }
    checkTaskAction(task, input.action)
    return new StepResponse(task as any)
  }
)

/** Updates a task; compensation puts back what the fields were. */
export const updateStoreTaskStep = createStep(
  "update-pos-store-task",
  async (input: { id: string } & Record<string, unknown>, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const fields = Object.keys(input).filter((key) => key !== "id")
    const before = (await pos.retrievePosStoreTask(input.id, { select: ["id", ...fields] })) as any
    const task = await pos.updatePosStoreTasks(input as any)
    return new StepResponse(task as any, before)
  },
  async (before, { container }) => {
    if (!before) {
      return
    }
    await (container.resolve(POS_MODULE) as PosModuleService).updatePosStoreTasks(before)
  }
)

/** Reads a task again at the end of a workflow (re-routing may have added lines to it). */
export const retrieveStoreTaskStep = createStep("retrieve-pos-store-task", async (input: { id: string }, { container }) => {
  return new StepResponse((await (container.resolve(POS_MODULE) as PosModuleService).retrievePosStoreTask(input.id)) as any)
})

/**
 * What a short pick takes out of this store, for Medusa's reservation and inventory steps: the
 * line's reservations here shrunk or deleted by the short units, the level lowered by them, and a
 * discrepancy row each (with the stock that was available before).
 */
export const planShortStockStep = createStep(
  "plan-pos-short-pick-stock",
  async (input: { task: any; shorts: ShortUnits[]; reason: string }, { container }) => {
    const inventory = container.resolve(Modules.INVENTORY)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { task } = input
    const reservation_updates: { id: string; quantity: number }[] = []
    const reservation_deletes: string[] = []
    const adjustments: { inventory_item_id: string; location_id: string; adjustment: number }[] = []
    const discrepancies: Record<string, unknown>[] = []
    const { data: items } = await query.graph({
      entity: "inventory_item",
      fields: ["id", "variants.id"],
      filters: { id: [...new Set(input.shorts.map((s) => s.inventory_item_id))] },
    })
    for (const short of input.shorts) {
      const reservations = (await inventory.listReservationItems({
        line_item_id: short.line_item_id,
        inventory_item_id: short.inventory_item_id,
        location_id: task.location_id,
      })) as any[]
      let left = short.quantity
      for (const r of reservations) {
        const quantity = MathBN.convert(r.quantity).toNumber()
        const take = Math.min(left, quantity)
        if (take <= 0) {
          break
        }
        if (quantity > take) {
          reservation_updates.push({ id: r.id, quantity: quantity - take })
        } else {
          reservation_deletes.push(r.id)
        }
        left -= take
      }
      const [level] = await inventory.listInventoryLevels({ inventory_item_id: short.inventory_item_id, location_id: task.location_id })
      adjustments.push({ inventory_item_id: short.inventory_item_id, location_id: task.location_id, adjustment: -short.quantity })
      discrepancies.push({
        store_id: task.store_id,
        location_id: task.location_id,
        inventory_item_id: short.inventory_item_id,
        variant_id: (items.find((i: any) => i.id === short.inventory_item_id) as any)?.variants?.[0]?.id ?? "",
        sale_id: null,
        task_id: task.id,
        reason: input.reason,
        available_before: level ? MathBN.sub(MathBN.convert(level.stocked_quantity), MathBN.convert(level.reserved_quantity)).toNumber() : 0,
        quantity_added: -short.quantity,
      })
    }
    return new StepResponse({ reservation_updates, reservation_deletes, adjustments, discrepancies })
  }
)

/** Records inventory discrepancies; compensation deletes them. */
export const recordDiscrepanciesStep = createStep(
  "record-pos-inventory-discrepancies",
  async (rows: Record<string, unknown>[], { container }) => {
    if (!rows.length) {
      return new StepResponse([], [])
    }
    const created = (await (container.resolve(POS_MODULE) as PosModuleService).createPosInventoryDiscrepancies(rows as any)) as unknown as any[]
    return new StepResponse(created, created.map((d) => d.id))
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await (container.resolve(POS_MODULE) as PosModuleService).deletePosInventoryDiscrepancies(ids)
    }
  }
)

/**
 * The short units routed again by rerouteUnitsWorkflow (a new decision with its trace,
 * reservations at the chosen nodes, new tasks, `routing.rerouted`; a failure in it takes its own
 * part back). Not compensated: the last thing a pick changes (only a read of the task follows).
 * The pick holds this task's lock, which the re-route does not take again.
 */
export const rerouteShortUnitsStep = createStep(
  "reroute-pos-short-units",
  async (input: { order_id: string; shorts: ShortUnits[]; task_id: string; locked_task_ids: string[] }, { container }) => {
    return new StepResponse((await routeRemainder(container, input.order_id, input.shorts, input.task_id, { locked_task_ids: input.locked_task_ids })) as any)
  }
)

/**
 * The order's pickup task still to be handed over, other than `except_task_id`: a short pick at a
 * store sending it units changes its lines, so the pick takes its lock first, before Medusa's
 * order lock, the order in which its own actions (collect, expire, ready, receive) take them.
 */
export const loadWaitingPickupTaskStep = createStep(
  "load-pos-waiting-pickup-task",
  async (input: { order_id: string; except_task_id: string }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const tasks = (await pos.listPosStoreTasks(
      { order_id: input.order_id, kind: StoreTaskKind.PICKUP, status: [StoreTaskStatus.OPEN, StoreTaskStatus.PICKED, StoreTaskStatus.READY] },
      { select: ["id"] }
    )) as any[]
    return new StepResponse(tasks.map((t) => t.id as string).filter((id) => id !== input.except_task_id))
  }
)

/**
 * Staff hand an order over against the customer's code. Staff are signed in and this is the
 * fallback when check-in is locked: not limited, but each wrong code is audited (and the row stays).
 */
export const checkPickupCodeStep = createStep(
  "check-pos-pickup-code",
  async (input: { task: any; pickup_code?: string; receipt_code?: string; staff_id: string }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const { task } = input
    if (input.receipt_code) {
      // a pickup sold at a till: the customer holds the sale's receipt (and may have no email for a code)
      const [sale] = (await pos.listPosSales({ order_id: task.order_id }, { select: ["id", "receipt_code"] })) as any[]
      if (!sale) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Order ${task.order_id} was not sold at a till: hand it over against the customer's pickup code`)
      }
      if (String(sale.receipt_code).toUpperCase() !== input.receipt_code.toUpperCase()) {
        await pos.createPosAuditLogs(taskAuditEntry(task, input.staff_id, "pickup.code_refused", { by: "receipt" }))
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Receipt ${input.receipt_code} is not the receipt of this order`)
      }
      return new StepResponse(true)
    }
    if (!codeMatches(container, task, input.pickup_code ?? "")) {
      await pos.createPosAuditLogs(taskAuditEntry(task, input.staff_id, "pickup.code_refused"))
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Pickup code ${input.pickup_code} is not the code of this order's pickup`)
    }
    return new StepResponse(true)
  }
)

/**
 * What each node has shipped of each order line, by Medusa's fulfilments of the order at that node
 * (shipped, not canceled), keyed `location_id|line_item_id`: a store's ship task and a warehouse's
 * fulfilment in Medusa's dashboard count alike.
 */
export const loadShippedUnitsStep = createStep("load-pos-shipped-units", async (input: { order_id: string }, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["fulfillments.location_id", "fulfillments.shipped_at", "fulfillments.canceled_at", "fulfillments.items.line_item_id", "fulfillments.items.quantity"],
    filters: { id: input.order_id },
  })
  const sent: Record<string, number> = {}
  for (const f of ((data[0] as any)?.fulfillments ?? []) as any[]) {
    if (f?.shipped_at && !f.canceled_at) {
      for (const item of f.items ?? []) {
        const key = `${f.location_id}|${item.line_item_id}`
        sent[key] = (sent[key] ?? 0) + MathBN.convert(item.quantity).toNumber()
      }
    }
  }
  return new StepResponse(sent)
})

/**
 * A picked pickup is ready: a new code (only its hash is kept), the hold's expiry from the store's
 * hold period, and the customer's "ready" message, the one place the code is shown (channel
 * "email", template "pos-pickup-ready"), and sealed for the customer's own route. Every transfer
 * line must have been shipped by its node and received here first. A pickup already ready gets a new code: the old one stops
 * working, the wrong-code counter restarts, the hold keeps its expiry. Compensation puts the task back.
 */
export const issuePickupCodeStep = createStep(
  "issue-pos-pickup-code",
  async (input: { task: any }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const { task } = input
    const code = newPickupCode()
    const issuedAt = new Date()
    const pickup_code_hash = pickupCodeHash(container, task.id, code)
    const pickup_code_sealed = sealPickupCode(container, task.id, code)
    const reissued = task.status === StoreTaskStatus.READY
    const before = { id: task.id, status: task.status, pickup_code_hash: task.pickup_code_hash, pickup_code_sealed: task.pickup_code_sealed, failed_check_ins: task.failed_check_ins, ready_at: task.ready_at, expires_at: task.expires_at }
    let updated: any
    if (reissued) {
      updated = await pos.updatePosStoreTasks({ id: task.id, pickup_code_hash, pickup_code_sealed, failed_check_ins: 0 })
    } else {
      // units a short pick sent elsewhere that no node could take yet: not all of the order can be handed over
      const [latest] = (await pos.listPosRoutingDecisions({ order_id: task.order_id }, { order: { created_at: "DESC" }, take: 1 })) as any[]
      if (latest?.status === RoutingDecisionStatus.UNROUTABLE && Array.isArray(latest.remainder) && latest.remainder.length) {
        const units = (latest.remainder as any[]).reduce((sum, r) => sum + Number(r.quantity ?? 0), 0)
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Order ${task.order_id} still has ${units} unit(s) that no node could take after a short pick (routing retries every 15 minutes): it cannot be made ready yet`
        )
      }
      // every unit physically here first, whatever node sends it: shipped by it and scanned in at this store
      const out = transfersStillOut(task)
      if (out.length) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Order ${task.order_id} still waits for ${out
            .map((o) => `${o.units} unit(s) from ${o.name}${o.missing ? ` (${o.missing} recorded missing)` : ""}`)
            .join(" and ")}: receive the transfer before making the pickup ready`
        )
      }
      const store = await pos.retrievePosStore(task.store_id, { select: ["id", "pickup_hold_hours"] })
      updated = await pos.updatePosStoreTasks({
        id: task.id,
        status: StoreTaskStatus.READY,
        pickup_code_hash,
        pickup_code_sealed,
        failed_check_ins: 0,
        ready_at: issuedAt,
        expires_at: new Date(issuedAt.getTime() + (store.pickup_hold_hours ?? 72) * 3_600_000),
      })
    }
    const customer_notified = await notifyPickupReady(container, updated, code, issuedAt)
    return new StepResponse({ task: updated, reissued, customer_notified }, before)
  },
  async (before, { container }) => {
    if (before) {
      await (container.resolve(POS_MODULE) as PosModuleService).updatePosStoreTasks(before as any)
    }
  }
)

/** The customer's "ready" message. Answers whether it was sent; if not, the failure is logged and nobody has the code. */
async function notifyPickupReady(container: { resolve: (key: string) => any }, task: any, code: string, issuedAt: Date) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const { data } = await query.graph({ entity: "order", fields: ["id", "display_id", "email"], filters: { id: task.order_id } })
  const order = data[0] as any
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  if (!order?.email) {
    logger.warn(`Order ${task.order_id} has no email: nobody got the code of pickup task ${task.id}`)
    return false
  }
  const store = await pos.retrievePosStore(task.store_id)
  try {
    await container.resolve(Modules.NOTIFICATION).createNotifications({
      to: order.email,
      channel: "email",
      template: "pos-pickup-ready",
      resource_id: order.id,
      resource_type: "order",
      // one message per code issued: a new code is a new message
      idempotency_key: `pos-pickup-ready-${task.id}-${issuedAt.getTime()}`,
      data: {
        order_id: order.id,
        display_id: order.display_id,
        pickup_code: code,
        expires_at: task.expires_at,
        store: { name: store.name, address_1: store.address_1, city: store.city, postal_code: store.postal_code, phone: store.phone },
        curbside: !!(store.capabilities as any)?.curbside,
      },
    })
    return true
  } catch (error: any) {
    logger.warn(`Could not notify order ${order.id} of its pickup: ${error?.message ?? error}`)
    return false
  }
}

/**
 * The fulfilments of the pickup not delivered yet (at this store, and the transfers sent to it from
 * the nodes its lines come from) are marked delivered with Medusa's markOrderFulfillmentAsDeliveredWorkflow, which takes the order's
 * lock itself: run it after the caller released that lock. The last step of a hand-over: a
 * delivery that fails (the order locked by an edit, say) is logged and left for Medusa's dashboard,
 * never a reason to take back goods the customer has.
 */
export const deliverOrderFulfillmentsStep = createStep(
  "deliver-pos-order-fulfillments",
  async (input: { order_id: string; location_ids: string[]; line_item_ids: string[] }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ["fulfillments.id", "fulfillments.location_id", "fulfillments.delivered_at", "fulfillments.canceled_at", "fulfillments.items.line_item_id"],
      filters: { id: input.order_id },
    })
    const delivered: string[] = []
    const ofPickup = (f: any) =>
      input.location_ids.includes(f.location_id) && ((f.items ?? []) as any[]).every((i) => input.line_item_ids.includes(i?.line_item_id))
    for (const f of ((data[0] as any)?.fulfillments ?? []) as any[]) {
      // this store's and the transfers to it, of the pickup's lines: a parcel of the same order shipped to the customer is not delivered by a pickup
      if (f && !f.delivered_at && !f.canceled_at && ofPickup(f)) {
        try {
          await markOrderFulfillmentAsDeliveredWorkflow(container as any).run({ input: { orderId: input.order_id, fulfillmentId: f.id } })
          delivered.push(f.id)
        } catch (error: any) {
          container
            .resolve(ContainerRegistrationKeys.LOGGER)
            .warn(`Order ${input.order_id} was collected, but its fulfillment ${f.id} could not be marked delivered: ${error?.message ?? error}`)
        }
      }
    }
    return new StepResponse(delivered)
  }
)

/** Wrong codes the public check-in takes for one pickup before it refuses them all (a 6-digit code is guessable otherwise). */
export const MAX_CHECK_IN_ATTEMPTS = 5

/**
 * Curbside check-in's code: each attempt takes a slot of the wrong-code counter atomically
 * *before* the code is compared, so a burst of parallel requests compares at most
 * MAX_CHECK_IN_ATTEMPTS wrong codes; a right code gives its slot back. The counter counts at
 * every store, also one without curbside (checked after the code), so no store is a free oracle.
 * A wrong code's slot is never given back, not even by compensation.
 */
export const checkInCodeStep = createStep(
  "check-pos-pickup-check-in-code",
  async (input: { order_id: string; pickup_code: string }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const tasks = (await pos.listPosStoreTasks({ order_id: input.order_id, kind: StoreTaskKind.PICKUP })) as any[]
    if (!tasks.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${input.order_id} is not a pickup order`)
    }
    const task = tasks.find((t) => t.status === StoreTaskStatus.READY)
    if (!task) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Order ${input.order_id} is not waiting for pickup (${tasks.map((t) => t.status).join(", ")}): check in once you got the "ready" message`
      )
    }
    const attempts = await pos.incrementFailedCheckIns(task.id, { max: MAX_CHECK_IN_ATTEMPTS })
    if (attempts === null) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Too many wrong pickup codes for order ${input.order_id}: please come to the counter`)
    }
    if (!codeMatches(container, task, input.pickup_code)) {
      const left = MAX_CHECK_IN_ATTEMPTS - attempts
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Pickup code ${input.pickup_code} is not the code of this order's pickup (${
          left ? `${left} ${left === 1 ? "try" : "tries"} left` : "no tries left: please come to the counter"
        })`
      )
    }
    await pos.incrementFailedCheckIns(task.id, { by: -1 })
    const store = await pos.retrievePosStore(task.store_id)
    if (!(store.capabilities as any)?.curbside) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `${store.name} does not offer curbside pickup: please come to the counter`)
    }
    return new StepResponse({ task, store: { name: store.name as string } })
  }
)

/**
 * A pickup past its hold: whether the order is to be canceled (`pickup.on_expiry`, "cancel" by
 * default, and not canceled already), and the reservations of its lines left to release.
 */
export const planPickupExpiryStep = createStep("plan-pos-pickup-expiry", async (input: { task: any }, { container }) => {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id", "status", "items.id"], filters: { id: input.task.order_id } })
  const order = data[0] as any
  const cancel = pos.settings.pickup.on_expiry === "cancel"
  return new StepResponse({
    cancel,
    cancel_order: cancel && !!order && order.status !== "canceled",
    item_ids: ((order?.items ?? []) as any[]).map((i) => i.id as string),
  })
})

/** The reservation ids of these order lines that are still held (after Medusa's cancel released its own). */
export const listLineReservationsStep = createStep("list-pos-line-reservations", async (input: { item_ids: string[] }, { container }) => {
  if (!input.item_ids.length) {
    return new StepResponse([] as string[])
  }
  const left = (await container.resolve(Modules.INVENTORY).listReservationItems({ line_item_id: input.item_ids }, { select: ["id"] })) as any[]
  return new StepResponse(left.map((r) => r.id as string))
})

/**
 * An online pickup order's authorized payments captured by Medusa's capturePaymentWorkflow at the
 * point the retailer chose (`pickup.capture`: "collect", the default, or "ready", with whatever is
 * still uncaptured taken at hand-over; "manual" leaves it to the dashboard). A payment captured
 * already (a till sale) is left alone. A capture the
 * provider refuses stops the hand-over with a message: the goods stay until the customer has paid.
 * No compensation: money taken is given back by a refund, never silently.
 */
export const capturePickupPaymentsStep = createStep(
  "capture-pos-pickup-payments",
  async (input: { order_id: string; staff_id: string; at: "collect" | "ready" }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const setting = pos.settings.pickup.capture
    // at hand-over, also what a capture at "ready" could not take
    if (setting === "manual" || (input.at === "ready" && setting !== "ready")) {
      return new StepResponse(0)
    }
    try {
      return new StepResponse(await captureOrderPayments(container, { order_id: input.order_id, staff_id: input.staff_id }))
    } catch (error: any) {
      container.resolve(ContainerRegistrationKeys.LOGGER).warn(`Capturing the payment of pickup order ${input.order_id} failed: ${error?.message ?? error}`)
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The payment of order ${input.order_id} could not be captured (${String(error?.message ?? error).slice(0, 200)}): the customer pays again before the hand-over`
      )
    }
  }
)

/** How a reservation of an order line is keyed while another node's part of the line is fulfilled. */
export const PARKED_SUFFIX = "#pos-parked"

type ReservationKey = { id: string; line_item_id: string }

/**
 * Medusa's createOrderFulfillmentWorkflow takes the quantity fulfilled from *every* reservation of
 * a line, whatever its location, and adjusts the fulfilling location once per reservation: a line
 * whose units sit at two nodes (the rest of a short pick routed elsewhere, a pickup's transfer)
 * would lose stock twice here and free the other node's reservation. So, right before such a
 * fulfilment, the line's reservations at other locations are re-keyed (`<line>#pos-parked`): they
 * keep holding their stock, and Medusa sees only this location's. Parked reservations of these
 * lines at this location (left by a run cut short) are keyed back first. Compensation puts every key
 * back; `unparkReservationsStep` does it once the fulfilment is made.
 */
export const parkOtherReservationsStep = createStep(
  "park-pos-other-reservations",
  async (input: { line_item_ids: string[]; location_id: string }, { container }) => {
    if (!input.line_item_ids.length) {
      return new StepResponse([] as ReservationKey[], [] as ReservationKey[])
    }
    const inventory = container.resolve(Modules.INVENTORY)
    const keys = [...input.line_item_ids, ...input.line_item_ids.map((id) => `${id}${PARKED_SUFFIX}`)]
    const reservations = (await inventory.listReservationItems({ line_item_id: keys }, { select: ["id", "line_item_id", "location_id"] })) as any[]
    const changes: { id: string; from: string; to: string }[] = []
    for (const r of reservations) {
      const line = String(r.line_item_id).replace(PARKED_SUFFIX, "")
      const wanted = r.location_id === input.location_id ? line : `${line}${PARKED_SUFFIX}`
      if (wanted !== r.line_item_id) {
        changes.push({ id: r.id, from: r.line_item_id, to: wanted })
      }
    }
    if (changes.length) {
      await inventory.updateReservationItems(changes.map((c) => ({ id: c.id, line_item_id: c.to })) as any)
    }
    return new StepResponse(
      changes.map((c) => ({ id: c.id, line_item_id: c.to })),
      changes.map((c) => ({ id: c.id, line_item_id: c.from }))
    )
  },
  async (before, { container }) => {
    if (before?.length) {
      await container.resolve(Modules.INVENTORY).updateReservationItems(before as any)
    }
  }
)

/** Keys the lines' parked reservations back to their lines (after the fulfilment); compensation parks them again. */
export const unparkReservationsStep = createStep(
  "unpark-pos-reservations",
  async (input: { line_item_ids: string[] }, { container }) => {
    if (!input.line_item_ids.length) {
      return new StepResponse([] as string[], [] as ReservationKey[])
    }
    const inventory = container.resolve(Modules.INVENTORY)
    const parked = (await inventory.listReservationItems(
      { line_item_id: input.line_item_ids.map((id) => `${id}${PARKED_SUFFIX}`) },
      { select: ["id", "line_item_id"] }
    )) as any[]
    if (parked.length) {
      await inventory.updateReservationItems(parked.map((r) => ({ id: r.id, line_item_id: String(r.line_item_id).replace(PARKED_SUFFIX, "") })) as any)
    }
    return new StepResponse(
      parked.map((r) => r.id as string),
      parked.map((r) => ({ id: r.id as string, line_item_id: r.line_item_id as string }))
    )
  },
  async (parked, { container }) => {
    if (parked?.length) {
      await container.resolve(Modules.INVENTORY).updateReservationItems(parked as any)
    }
  }
)

/**
 * A ship or hand-over cut off between parking and unparking (a crash) leaves reservations keyed
 * `<line>#pos-parked`: they still hold their stock, but Medusa's own flows (a cancel, the
 * dashboard's fulfilment) do not see them as the line's. The scheduled job keys those older than
 * `minutes` back to their lines (a live park lasts a fraction of a second, under the order's lock).
 */
export async function unparkStaleReservations(container: { resolve: (key: string) => any }, minutes = 5) {
  const inventory = container.resolve(Modules.INVENTORY)
  const stale = (await inventory.listReservationItems(
    { line_item_id: { $like: `%${PARKED_SUFFIX}` }, updated_at: { $lt: new Date(Date.now() - minutes * 60_000) } } as any,
    { select: ["id", "line_item_id"], take: 500 }
  )) as any[]
  if (stale.length) {
    await inventory.updateReservationItems(stale.map((r) => ({ id: r.id, line_item_id: String(r.line_item_id).replace(PARKED_SUFFIX, "") })) as any)
  }
  return stale.map((r) => r.id as string)
}

/**
 * Where a ship task's parcel goes when it is not the order's address: a till's endless-aisle lines
 * shipped to the customer carry the address the customer gave (`pos_endless_aisle.ship_to`), while
 * the order's own address is the selling store's. Null for an online order (its address is right).
 */
export const loadDeliveryAddressStep = createStep(
  "load-pos-delivery-address",
  async (input: { order_id: string; line_item_ids: string[] }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "order", fields: ["items.id", "items.metadata"], filters: { id: input.order_id } })
    const shipTos = ((data[0] as any)?.items ?? [])
      .filter((i: any) => input.line_item_ids.includes(i.id))
      .map((i: any) => endlessOf(i)?.ship_to ?? null)
    const to = shipTos[0]
    if (!to || shipTos.some((t: any) => JSON.stringify(t) !== JSON.stringify(to))) {
      return new StepResponse(null)
    }
    return new StepResponse({
      first_name: to.first_name ?? null,
      last_name: to.last_name ?? null,
      address_1: to.address_1,
      address_2: to.address_2 ?? null,
      city: to.city,
      province: to.province ?? null,
      postal_code: to.postal_code,
      country_code: to.country_code,
      phone: to.phone ?? null,
    })
  }
)
