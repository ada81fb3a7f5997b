import { Modules } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"

/** An audit row and an event (`pos.tender.succeeded` / `failed` / `canceled`) for a card tender's outcome. */
export async function recordCardOutcome(
  container: { resolve: (key: string) => any },
  tender: { id: string; sale_id?: string | null; status: string; amount: unknown; failure_reason?: string | null; staff_id: string },
  via: "webhook" | "poll" | "till",
  actorId?: string
) {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const sale = await pos.retrievePosSale(tender.sale_id!, { select: ["id", "store_id"] })
  await pos.createPosAuditLogs({
    actor_type: via === "till" ? "staff" : "system",
    actor_id: actorId ?? (via === "till" ? tender.staff_id : `stripe-terminal:${via}`),
    store_id: sale.store_id,
    action: `sale.card_${tender.status}`,
    resource_type: "pos_sale",
    resource_id: sale.id,
    data: { tender_id: tender.id, amount: Number(tender.amount), reason: tender.failure_reason ?? null, via },
  })
  await container.resolve(Modules.EVENT_BUS).emit({
    name: `pos.tender.${tender.status}`,
    data: { id: tender.id, sale_id: sale.id, store_id: sale.store_id, via },
  })
}
