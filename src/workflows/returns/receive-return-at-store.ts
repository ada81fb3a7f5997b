import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  adjustInventoryLevelsStep,
  beginReceiveReturnWorkflow,
  beginReturnOrderWorkflow,
  confirmReturnReceiveWorkflow,
  confirmReturnRequestWorkflow,
  dismissItemReturnRequestWorkflow,
  receiveItemReturnRequestWorkflow,
  requestItemReturnWorkflow,
} from "@medusajs/medusa/core-flows"
import { markReturnDoneInMedusaStep, recordReturnOrderChangeStep } from "./steps/receive-steps"

export const receiveReturnAtStoreWorkflowId = "receive-pos-return-at-store"

export type ReceiveReturnAtStoreInput = {
  order_id: string
  /** the store's sellable stock location: Medusa's return is received there */
  location_id: string
  staff_id: string
  description: string
  /** the till's return row, which keeps Medusa's order change as soon as it exists (a retry after a crash finds it) */
  pos_return_id?: string | null
  /** every returned line: order line item id, quantity, the reason as a note */
  items: { id: string; quantity: number; internal_note?: string }[]
  /** back into sellable stock at the store (Medusa restocks them) */
  receive: { id: string; quantity: number }[]
  /** out of sellable stock: received as damaged (not restocked) ... */
  dismiss: { id: string; quantity: number }[]
  /** ... and held at the store's refurbish / quarantine location instead */
  holds: { inventory_item_id: string; location_id: string; adjustment: number }[]
}

/**
 * A return taken over the counter, in one go, with Medusa's own return
 * workflows: begin at the store's location, request the items, confirm,
 * receive (resellable units are restocked here; the others are received as
 * damaged) and confirm the receipt; then the units kept out of sale are put
 * on the store's non-sellable location. Any step failing undoes the ones
 * before, so a return is either all received or not at all. Money is not
 * moved here: the refund follows, once the return stands.
 */
export const receiveReturnAtStoreWorkflow = createWorkflow(receiveReturnAtStoreWorkflowId, (input: ReceiveReturnAtStoreInput) => {
  const change = beginReturnOrderWorkflow.runAsStep({
    input: transform({ input }, ({ input }) => ({
      order_id: input.order_id,
      location_id: input.location_id,
      created_by: input.staff_id,
      description: input.description,
    })),
  })
  const returnId = transform({ change }, ({ change }) => (change as any).return_id as string)
  recordReturnOrderChangeStep(
    transform({ input, change }, ({ input, change }) => ({ pos_return_id: input.pos_return_id ?? null, order_change_id: (change as any).id as string }))
  )

  requestItemReturnWorkflow.runAsStep({
    input: transform({ input, returnId }, ({ input, returnId }) => ({ return_id: returnId, items: input.items })),
  })
  confirmReturnRequestWorkflow.runAsStep({
    input: transform({ input, returnId }, ({ input, returnId }) => ({ return_id: returnId, confirmed_by: input.staff_id })),
  })
  beginReceiveReturnWorkflow.runAsStep({
    input: transform({ input, returnId }, ({ input, returnId }) => ({ return_id: returnId, created_by: input.staff_id })),
  })
  when({ input }, ({ input }) => input.receive.length > 0).then(() => {
    receiveItemReturnRequestWorkflow.runAsStep({
      input: transform({ input, returnId }, ({ input, returnId }) => ({ return_id: returnId, items: input.receive })),
    })
  })
  when({ input }, ({ input }) => input.dismiss.length > 0).then(() => {
    dismissItemReturnRequestWorkflow.runAsStep({
      input: transform({ input, returnId }, ({ input, returnId }) => ({ return_id: returnId, items: input.dismiss })),
    })
  })
  confirmReturnReceiveWorkflow.runAsStep({
    input: transform({ input, returnId }, ({ input, returnId }) => ({ return_id: returnId, confirmed_by: input.staff_id })),
  })
  when({ input }, ({ input }) => input.holds.length > 0).then(() => {
    // not renamed: a step renamed inside when() loses its compensation (Medusa 2.21; docs/production.md)
    adjustInventoryLevelsStep(transform({ input }, ({ input }) => input.holds))
  })
  markReturnDoneInMedusaStep(transform({ input }, ({ input }) => ({ pos_return_id: input.pos_return_id ?? null })))
  return new WorkflowResponse({ return_id: returnId })
})
