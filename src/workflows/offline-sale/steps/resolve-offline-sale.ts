import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import { OfflineSaleStatus } from "../../../modules/pos/models/offline-sale"
import type PosModuleService from "../../../modules/pos/service"

export const resolveOfflineSaleStepId = "resolve-pos-offline-sale"

export type ResolveOfflineSaleInput = { id: string; note: string; resolved_by: string }

/**
 * Marks a kept offline sale resolved, under a lock on the sale: two managers
 * pressing Save at once get one resolution and one refusal. Compensation
 * takes the resolution back (the audit row comes after it in the workflow).
 */
export const resolveOfflineSaleStep = createStep(
  resolveOfflineSaleStepId,
  async (input: ResolveOfflineSaleInput, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const resolved = await container.resolve(Modules.LOCKING).execute(`pos:offline-sale:${input.id}:resolve`, async () => {
      const [sale] = await pos.listPosOfflineSales({ id: input.id })
      if (!sale) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Offline sale ${input.id} was not found`)
      }
      if (sale.status === OfflineSaleStatus.APPLIED) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Offline sale ${sale.id} was applied; only rejected or needs-attention sales are resolved`)
      }
      if (sale.resolved_at) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Offline sale ${sale.id} was already resolved on ${new Date(sale.resolved_at).toISOString()}`)
      }
      const [updated] = await pos.updatePosOfflineSales([{ id: sale.id, resolved_at: new Date(), resolved_by: input.resolved_by, resolution_note: input.note }])
      return updated
    })
    return new StepResponse(resolved, resolved.id)
  },
  async (id, { container }) => {
    if (!id) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.updatePosOfflineSales([{ id, resolved_at: null, resolved_by: null, resolution_note: null }])
  }
)
