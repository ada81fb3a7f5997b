import type { MedusaContainer } from "@medusajs/framework/types"
import { MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { adjustInventoryLevelsStep } from "@medusajs/medusa/core-flows"
import { POS_MODULE } from "../../modules/pos"
import { PosReturnStatus } from "../../modules/pos/models/return"
import type PosModuleService from "../../modules/pos/service"
import type { ReturnLineRecord } from "../../lib/returns/plan"
import { ensureInventoryLevels, loadReturnStore } from "./utils/return-locations"

export const releaseRefurbishedWorkflowId = "release-pos-refurbished-return"

/** Out of the refurbish location and into the store's sellable stock, in one adjustment (undone together). */
export const releaseRefurbishedWorkflow = createWorkflow(
  releaseRefurbishedWorkflowId,
  (input: { inventory_item_id: string; location_id: string; adjustment: number }[]) =>
    new WorkflowResponse(adjustInventoryLevelsStep(input))
)

/**
 * Puts refurbished units of a return back into sellable stock at the store
 * that took them: stock leaves the store's refurbish location and arrives at
 * its own, the line records when (return turn time), and an audit row says who.
 */
export async function releaseRefurbished(
  container: MedusaContainer,
  input: { return_id: string; line_item_id: string; quantity: number; staff_id: string; note?: string }
) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  return await container.resolve(Modules.LOCKING).execute(`pos:return:${input.return_id}`, async () => {
    const posReturn = await pos.retrievePosReturn(input.return_id)
    if (posReturn.status === PosReturnStatus.RECEIVING) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Return ${input.return_id} is not received yet: nothing of it can go back on sale`
      )
    }
    const lines = [...(posReturn.lines as unknown as ReturnLineRecord[])]
    const index = lines.findIndex((l) => l.line_item_id === input.line_item_id && l.disposition === "refurbish")
    if (index < 0) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Return ${input.return_id} has no line ${input.line_item_id} held for refurbishing; only refurbished units go back on sale`
      )
    }
    const line = lines[index]
    const left = line.quantity - line.restocked_quantity
    if (input.quantity > left) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `${line.title}: ${input.quantity} to release, but ${left} of this return ${left === 1 ? "is" : "are"} still held for refurbishing`
      )
    }
    const store = await loadReturnStore(container, posReturn.store_id)
    const adjustments = line.inventory.flatMap((part) => {
      const units = MathBN.mult(part.required_quantity, input.quantity).toNumber()
      return [
        { inventory_item_id: part.inventory_item_id, location_id: line.location_id, adjustment: -units },
        { inventory_item_id: part.inventory_item_id, location_id: store.location_id, adjustment: units },
      ]
    })
    await ensureInventoryLevels(container, adjustments)
    await releaseRefurbishedWorkflow(container).run({ input: adjustments })
    lines[index] = { ...line, restocked_quantity: line.restocked_quantity + input.quantity, restocked_at: new Date().toISOString() }
    const updated = await pos.updatePosReturns({ id: posReturn.id, lines: lines as unknown as Record<string, unknown> })
    await pos.createPosAuditLogs({
      actor_type: "staff",
      actor_id: input.staff_id,
      store_id: posReturn.store_id,
      action: "return.refurbished_released",
      resource_type: "order",
      resource_id: posReturn.order_id,
      data: { return_id: posReturn.id, line_item_id: line.line_item_id, quantity: input.quantity, note: input.note ?? null, adjustments },
    })
    return { pos_return: updated, stock_movements: adjustments }
  })
}
