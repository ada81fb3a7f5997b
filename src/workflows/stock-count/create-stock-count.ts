import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../modules/pos"
import type PosModuleService from "../../modules/pos/service"
import { itemsForScope, type CountScope } from "./utils"

export const createStockCountWorkflowId = "create-pos-stock-count"

export type CreateStockCountInput = { store_id: string; location_id: string; label: string; scope: CountScope; staff_id: string }

const createStockCountStep = createStep(
  "create-pos-stock-count",
  async (input: CreateStockCountInput, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const items = await itemsForScope(container, input.scope)
    const count = (await pos.createPosStockCounts({
      store_id: input.store_id,
      location_id: input.location_id,
      label: input.label,
      scope: input.scope as unknown as Record<string, unknown>,
      created_by: input.staff_id,
    })) as any
    try {
      const lines = items.length
        ? ((await pos.createPosStockCountLines(
            items.map((item) => ({ ...item, count_id: count.id, store_id: input.store_id, location_id: input.location_id }))
          )) as unknown as any[])
        : []
      return new StepResponse({ count, lines }, count.id as string)
    } catch (error) {
      // a step that throws is not compensated: the count goes with its lines
      await pos.deletePosStockCounts(count.id)
      throw error
    }
  },
  async (countId, { container }) => {
    if (!countId) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const lines = (await pos.listPosStockCountLines({ count_id: countId }, { select: ["id"] })) as any[]
    await pos.deletePosStockCountLines(lines.map((l) => l.id))
    await pos.deletePosStockCounts(countId)
  }
)

/** Starts a cycle count at a store: the SKUs listed, every SKU of a category, or an empty shelf filled by scanning. */
export const createStockCountWorkflow = createWorkflow(createStockCountWorkflowId, (input: CreateStockCountInput) => {
  return new WorkflowResponse(createStockCountStep(input))
})
