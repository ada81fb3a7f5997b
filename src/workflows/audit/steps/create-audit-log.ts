import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"

export const createAuditLogStepId = "create-pos-audit-log"

export type AuditEntry = {
  actor_type: "user" | "staff" | "system"
  actor_id: string
  store_id?: string | null
  action: string
  resource_type?: string | null
  resource_id?: string | null
  approved_by?: string | null
  request_id?: string | null
  data?: Record<string, unknown> | null
}

/**
 * Appends audit rows. Place it last in a workflow: a row says the action
 * happened, and rows are never removed, not even by compensation.
 */
export const createAuditLogStep = createStep(
  createAuditLogStepId,
  async (entries: AuditEntry[], { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const rows = await pos.createPosAuditLogs(entries)
    return new StepResponse(rows)
  }
)
