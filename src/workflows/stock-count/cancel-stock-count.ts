import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { POS_MODULE } from "../../modules/pos"
import { StockCountStatus } from "../../modules/pos/models/stock-count"
import type PosModuleService from "../../modules/pos/service"

export const cancelStockCountWorkflowId = "cancel-pos-stock-count"

/** A count still being counted (or waiting for a manager) is dropped; compensation puts its status back. */
const cancelStockCountStep = createStep(
  "cancel-pos-stock-count",
  async (input: { count_id: string }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const count = await pos.retrievePosStockCount(input.count_id)
    if (![StockCountStatus.OPEN, StockCountStatus.PENDING_APPROVAL].includes(count.status as StockCountStatus)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Count ${count.id} is ${count.status}: it can no longer be canceled`)
    }
    await pos.updatePosStockCounts({ id: count.id, status: StockCountStatus.CANCELED })
    return new StepResponse(null, { id: count.id, status: count.status as StockCountStatus })
  },
  async (before, { container }) => {
    if (before) {
      await (container.resolve(POS_MODULE) as PosModuleService).updatePosStockCounts(before)
    }
  }
)

/** Drops a count nothing was corrected by, under the count's lock: the key its application takes, so it is never canceled half-way through being applied. */
export const cancelStockCountWorkflow = createWorkflow(cancelStockCountWorkflowId, (input: { count_id: string }) => {
  const lockKey = transform({ input }, ({ input }) => `pos:count:${input.count_id}`)
  acquireLockStep({ key: lockKey, timeout: 10, ttl: 120 })
  cancelStockCountStep(input)
  releaseLockStep({ key: lockKey }).config({ continueOnPermanentFailure: true })
  return new WorkflowResponse(null)
})
