import { createHook, createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, emitEventStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import type { ReturnLineRecord } from "../../lib/returns/plan"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { exchangeAtStoreWorkflow, type ExchangeAtStoreInput } from "./exchange-at-store"
import { receiveReturnAtStoreWorkflow } from "./receive-return-at-store"
import { completeReceivedReturnStep, prepareStoreReturnStep, type StoreReturnRequest } from "./steps/receive-steps"

export const receiveStoreReturnWorkflowId = "receive-pos-store-return"

/** The lock a return of an order runs under: one at a time per order, on any server. */
export const orderReturnLockKey = (orderId: string) => `pos:order-return:${orderId}`

/**
 * A return (or exchange) received at a store's till, under the order's return lock: the request
 * checked and its row written (prepareStoreReturnStep: idempotency, policy, override approval,
 * drawer), Medusa's return (receiveReturnAtStoreWorkflow) or exchange (exchangeAtStoreWorkflow)
 * run, keeping its order change on the row as soon as it exists, the row completed with the money
 * from Medusa's order summary, the audit row and `return.received_in_store`. A failure half-way
 * takes everything back (Medusa's workflows undo themselves, the row goes, the approval is usable
 * again). A call with a key seen before finishes an interrupted return or only reads it. The money
 * is settleReturnMoneyWorkflow's. Hook `returnReceived` ({ pos_return_id, order_id, action, return_id,
 * exchange_id }) runs once Medusa's return stands, before the row is completed; `action` is
 * `receive` (received now), `finish` (an interrupted return finished) or `settle` (received before).
 */
export const receiveStoreReturnWorkflow = createWorkflow(receiveStoreReturnWorkflowId, (input: StoreReturnRequest) => {
  const lockKey = transform({ input }, ({ input }) => orderReturnLockKey(input.order_id))
  acquireLockStep({ key: lockKey, timeout: 30, ttl: 120 })
  const prepared = prepareStoreReturnStep(input)

  const returned = when({ prepared }, ({ prepared }) => prepared.action === "receive" && !prepared.receive?.new_items).then(() =>
    receiveReturnAtStoreWorkflow.runAsStep({ input: transform({ prepared }, ({ prepared }) => prepared.receive!) })
  )
  const exchanged = when({ prepared }, ({ prepared }) => prepared.action === "receive" && !!prepared.receive?.new_items).then(() =>
    exchangeAtStoreWorkflow.runAsStep({ input: transform({ prepared }, ({ prepared }) => prepared.receive as ExchangeAtStoreInput) })
  )
  const standing = transform({ prepared, returned, exchanged, input }, ({ prepared, returned, exchanged, input }) => {
    const made = (returned ?? exchanged) as { return_id: string; exchange_id?: string } | undefined
    return {
      pos_return_id: prepared.pos_return_id,
      order_id: input.order_id,
      action: prepared.action,
      return_id: (made?.return_id ?? prepared.return_id) as string,
      exchange_id: made?.exchange_id ?? prepared.exchange_id ?? null,
    }
  })
  // Medusa's return (or exchange) stands and the row is not completed yet: a handler that throws takes it all back
  const returnReceived = createHook("returnReceived", standing)
  const received = when({ prepared }, ({ prepared }) => prepared.action !== "settle").then(() => {
    const row = completeReceivedReturnStep(
      transform({ standing }, ({ standing }) => ({ pos_return_id: standing.pos_return_id, return_id: standing.return_id, exchange_id: standing.exchange_id }))
    )
    createAuditLogStep(
      transform({ row, prepared, input }, ({ row, prepared, input }) => {
        const posReturn = row as any
        return [
          {
            actor_type: "staff" as const,
            actor_id: input.staff_id,
            store_id: posReturn.store_id as string,
            action: `${posReturn.exchange_id ? "exchange" : "return"}.received${posReturn.override_reason ? "_with_override" : ""}`,
            resource_type: "order",
            resource_id: posReturn.order_id as string,
            approved_by: prepared.approved_by,
            request_id: input.request?.id ?? null,
            data: {
              return_id: posReturn.id,
              medusa_return_id: posReturn.return_id,
              exchange_id: posReturn.exchange_id ?? null,
              lines: (posReturn.lines as ReturnLineRecord[]).map((r) => ({ line_item_id: r.line_item_id, quantity: r.quantity, disposition: r.disposition })),
              ...(posReturn.override_reason ? { approved_by: prepared.approved_by, override_reason: posReturn.override_reason } : {}),
            },
          },
        ]
      })
    )
    emitEventStep({
      eventName: "return.received_in_store",
      data: transform({ row }, ({ row }) => {
        const posReturn = row as any
        return { id: posReturn.id, order_id: posReturn.order_id, return_id: posReturn.return_id, store_id: posReturn.store_id }
      }),
    })
    return row
  })
  releaseLockStep({ key: lockKey }).config({ continueOnPermanentFailure: true })
  return new WorkflowResponse(
    transform({ prepared, received }, ({ prepared, received }) => ({
      pos_return_id: prepared.pos_return_id,
      replayed: prepared.replayed,
      received: !!received,
    })),
    { hooks: [returnReceived] }
  )
})
