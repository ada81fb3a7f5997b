import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { roundToCurrency } from "../../utils/money"
import { POS_MODULE } from "../../../modules/pos"
import { OfflineSaleStatus } from "../../../modules/pos/models/offline-sale"
import { ShiftStatus } from "../../../modules/pos/models/shift"
import type PosModuleService from "../../../modules/pos/service"
import { addSaleLinesWorkflow } from "../add-sale-lines"
import { addTenderWorkflow } from "../add-tender"
import { createSaleWorkflow } from "../create-sale"
import { completeCounterSaleWorkflow } from "../complete-counter-sale"
import { saleBalance } from "./sale-balance"
import { voidSaleWorkflow } from "../void-sale"
import { clientMessage } from "../../utils/client-message"
import { checkOfflineSale, readRecordedAt, type OfflineSaleInput } from "./check-offline-sale"
import { findVariants, resolveScannedVariant } from "./find-variants"
import type { StoreContext } from "./store-context"

export type OfflineConflict =
  | { type: "price_changed"; variant_id: string; sku: string | null; offline_price: number; current_price: number }
  | { type: "stock_short"; variant_id: string; sku: string | null; available: number; quantity: number }
  | { type: "amount_differs"; offline_cash: number; server_total: number }

export type SyncResult = {
  client_txn_id: string
  status: "applied" | "duplicate" | "rejected" | "needs_attention"
  sale_id?: string | null
  order_id?: string | null
  reason?: string | null
  conflicts: OfflineConflict[]
}

/**
 * Applies one sale a register recorded offline, exactly once: a second arrival
 * of the same client transaction id answers "duplicate" with the first outcome.
 * The offline price stands and the sale stands; what differs from the server's
 * view is reported as a conflict. A sale that cannot be applied (unknown item,
 * no open shift) is kept as needs_attention; one the policy refuses is kept as
 * rejected. A failure before the order exists voids what was started and
 * records nothing, so the register's next sync applies it again; once the
 * order exists the sale stands (a failed hand-over is kept as needs_attention).
 */
export async function applyOfflineSale(
  container: MedusaContainer,
  input: { context: StoreContext; register_id: string; sale: OfflineSaleInput; now?: Date }
): Promise<SyncResult> {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const { sale, context } = input
  const storeId = context.store.id
  const key = `pos:offline:${input.register_id}:${sale.client_txn_id}`
  return await container.resolve(Modules.LOCKING).execute(key, async () => {
    const [existing] = await pos.listPosOfflineSales({ register_id: input.register_id, client_txn_id: sale.client_txn_id })
    if (existing) {
      return {
        client_txn_id: sale.client_txn_id,
        status: "duplicate" as const,
        sale_id: existing.sale_id,
        order_id: existing.order_id,
        reason: `already received: ${existing.status}${existing.reason ? ` (${existing.reason})` : ""}`,
        conflicts: (existing.conflicts as OfflineConflict[] | null) ?? [],
      }
    }
    const record = async (status: OfflineSaleStatus, extra: Partial<SyncResult> = {}) => {
      const kept = await pos.createPosOfflineSales({
        store_id: storeId,
        register_id: input.register_id,
        client_txn_id: sale.client_txn_id,
        // a date the policy refused (unreadable, out of range) is kept in the payload; the row gets the time it arrived
        recorded_at: readRecordedAt(sale.recorded_at) ?? new Date(),
        staff_id: sale.staff_id,
        status,
        sale_id: extra.sale_id ?? null,
        order_id: extra.order_id ?? null,
        reason: extra.reason ?? null,
        conflicts: (extra.conflicts ?? []) as any,
        payload: sale as any,
      })
      if (status !== OfflineSaleStatus.APPLIED) {
        // kept for a person: the store's "today" page lists it until a manager resolves it
        await pos.createPosAuditLogs({
          actor_type: "staff",
          actor_id: sale.staff_id,
          store_id: storeId,
          action: status === OfflineSaleStatus.REJECTED ? "offline_sale.rejected" : "offline_sale.needs_attention",
          resource_type: "pos_offline_sale",
          resource_id: kept.id,
          data: { client_txn_id: sale.client_txn_id, register_id: input.register_id, reason: extra.reason ?? null, order_id: extra.order_id ?? null },
        })
      }
      if (extra.conflicts?.length || status !== OfflineSaleStatus.APPLIED) {
        await container.resolve(Modules.EVENT_BUS).emit({
          name: "pos.sync.conflict",
          data: { store_id: storeId, register_id: input.register_id, client_txn_id: sale.client_txn_id, status, reason: extra.reason, conflicts: extra.conflicts ?? [] },
        })
      }
      return { client_txn_id: sale.client_txn_id, status, conflicts: [], ...extra } as SyncResult
    }

    const [member] = await pos.listPosStaffMemberships({ store_id: storeId, staff_id: sale.staff_id }, { select: ["id"] })
    const refusal =
      checkOfflineSale(sale, pos.settings.offline, pos.settings.limits, input.now ?? new Date()) ??
      (member ? null : `staff ${sale.staff_id} is not a member of store ${storeId}`)
    if (refusal) {
      return record(OfflineSaleStatus.REJECTED, { reason: `Sale ${sale.client_txn_id} ${refusal}` })
    }

    const lines: { variant_id: string; quantity: number; unit_price: number }[] = []
    const unknown: string[] = []
    for (const line of sale.lines) {
      const variantId = line.variant_id ?? (line.code ? (await resolveScannedVariant(container, line.code)).variant_id : null)
      if (!variantId) {
        unknown.push(line.code ?? line.variant_id ?? "?")
      } else {
        lines.push({ variant_id: variantId, quantity: line.quantity, unit_price: line.unit_price })
      }
    }
    if (unknown.length) {
      return record(OfflineSaleStatus.NEEDS_ATTENTION, { reason: `unknown item(s): ${unknown.join(", ")}` })
    }
    const [shift] = await pos.listPosShifts({ register_id: input.register_id, status: ShiftStatus.OPEN }, { select: ["id"] })
    if (!shift) {
      return record(OfflineSaleStatus.NEEDS_ATTENTION, { reason: `register ${input.register_id} has no open shift to book it on` })
    }

    const { variants } = await findVariants(container, context, {
      variant_ids: lines.map((l) => l.variant_id),
      limit: lines.length,
    })
    const conflicts: OfflineConflict[] = []
    for (const line of lines) {
      const current = variants.find((v) => v.id === line.variant_id)
      if (current?.price && current.price.amount !== line.unit_price) {
        conflicts.push({ type: "price_changed", variant_id: line.variant_id, sku: current.sku, offline_price: line.unit_price, current_price: current.price.amount })
      }
      if (current && current.stock.here < line.quantity) {
        conflicts.push({ type: "stock_short", variant_id: line.variant_id, sku: current.sku, available: current.stock.here, quantity: line.quantity })
      }
    }

    const { result: created } = await createSaleWorkflow(container).run({
      input: { context, shift_id: shift.id, staff_id: sale.staff_id },
    })
    try {
      await addSaleLinesWorkflow(container).run({ input: { sale_id: created.id, location_id: context.location_id, lines } })
      const { total } = await saleBalance(container, created.id)
      const offlineCash = sale.tenders.reduce((sum, t) => sum + t.amount, 0)
      const serverTotal = total.toNumber()
      if (roundToCurrency(offlineCash, context.store.currency_code) !== serverTotal) {
        conflicts.push({ type: "amount_differs", offline_cash: offlineCash, server_total: serverTotal })
      }
      await addTenderWorkflow(container).run({
        input: {
          sale_id: created.id,
          store_id: storeId,
          staff_id: sale.staff_id,
          type: "cash",
          amount: serverTotal,
          idempotency_key: `offline:${input.register_id}:${sale.client_txn_id}`,
          taken_offline: true,
        },
      })
      // Completed as at the till (completeCounterSaleWorkflow, under the sale's lock). Once the order
      // exists the sale stands: a hand-over that fails is recorded as needing attention (the order is
      // finished by completing the sale again), never applied a second time.
      let handover_error: Error | null = null
      try {
        await completeCounterSaleWorkflow(container).run({
          input: {
            sale_id: created.id,
            store_id: storeId,
            staff_id: sale.staff_id,
            location_id: context.location_id,
            pickup_shipping_option_id: context.pickup_shipping_option_id,
          },
        })
      } catch (error) {
        const placed = await pos.retrievePosSale(created.id, { select: ["status", "order_id"] })
        if (placed.status === "open" || !placed.order_id) {
          throw error
        }
        handover_error = error as Error
      }
      const result = { order_id: (await pos.retrievePosSale(created.id, { select: ["order_id"] })).order_id as string }
      if (handover_error) {
        // awaited here, so that a failure to record it is caught below
        return await record(OfflineSaleStatus.NEEDS_ATTENTION, {
          sale_id: created.id,
          order_id: result.order_id,
          conflicts,
          reason:
            `order ${result.order_id} was placed, but its payment capture or hand-over at the store failed ` +
            `(${clientMessage(container, handover_error, `Hand-over of offline sale ${sale.client_txn_id}`)}); complete sale ${created.id} again to finish it`,
        })
      }
      return await record(OfflineSaleStatus.APPLIED, { sale_id: created.id, order_id: result.order_id, conflicts })
    } catch (error) {
      const current = await pos.retrievePosSale(created.id, { select: ["status", "order_id"] })
      if (current.status === "open") {
        // the sync's own undo of what it started (the cash is still the customer's offline sale's): no manager's call
        await voidSaleWorkflow(container).run({
          input: { sale_id: created.id, store_id: storeId, staff_id: sale.staff_id, tendered_void_authorized: true },
        })
        throw error
      }
      // The sale stands (its order exists): it is kept, so that sending it again places nothing twice.
      return record(OfflineSaleStatus.NEEDS_ATTENTION, {
        sale_id: created.id,
        order_id: current.order_id ?? null,
        conflicts,
        reason: `sale ${created.id} was completed, but recording it failed (${clientMessage(container, error, `Record of offline sale ${sale.client_txn_id}`)}); check order ${current.order_id}`,
      })
    }
  })
}
