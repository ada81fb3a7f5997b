import type { MedusaRequest } from "@medusajs/framework/http"
import { POS_MODULE } from "../../modules/pos"
import type PosModuleService from "../../modules/pos/service"
import type { AuditEntry } from "../../workflows/audit/steps/create-audit-log"

/** Appends one audit row for something a request did or was refused. */
export async function recordAudit(req: MedusaRequest, entry: Omit<AuditEntry, "request_id">) {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  await pos.createPosAuditLogs({ ...entry, request_id: req.requestId ?? null })
}
