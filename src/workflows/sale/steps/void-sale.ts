import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import { SaleStatus } from "../../../modules/pos/models/sale"
import { TenderStatus, TenderType } from "../../../modules/pos/models/tender"
import { callStripe, cancelCardTender } from "../utils/card-tender"
import type PosModuleService from "../../../modules/pos/service"
import { saleLockKey } from "../utils/sale-lock"
import { releaseEndlessAisleReservations } from "./endless-aisle"
import { reverseRaises } from "./ensure-stock-in-hand"

export const voidSaleStepId = "void-pos-sale"

/**
 * Voids an open sale: its tenders are canceled (cash goes back to the
 * customer from the drawer; a card on the reader is stopped and an authorized
 * card payment canceled) and stock raised for items in hand is taken back.
 * Medusa reserves stock only when a cart completes; what an open sale holds is
 * the reservations of its endless-aisle lines, released here.
 */
export const voidSaleStep = createStep(
  voidSaleStepId,
  async (input: { sale_id: string; staff_id: string; store_id: string; tendered_void_authorized: boolean }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const locking = container.resolve(Modules.LOCKING)
    const result = await locking.execute(saleLockKey(input.sale_id), async () => {
      const sale = await pos.retrievePosSale(input.sale_id, { relations: ["tenders"] })
      if (sale.status !== SaleStatus.OPEN) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Sale ${sale.id} is ${sale.status}; only an open sale can be voided (a completed sale comes back as a return)`
        )
      }
      // decided under the sale's lock: a tender taken since the till asked is never canceled without a manager
      if (!input.tendered_void_authorized && sale.tenders.some((t) => t.status === TenderStatus.SUCCEEDED)) {
        await pos.createPosAuditLogs({
          actor_type: "staff",
          actor_id: input.staff_id,
          store_id: input.store_id,
          action: "manager_action.refused",
          resource_type: "pos_sale",
          resource_id: sale.id,
          data: { action: "sale.void_tendered", reason: "tendered_meanwhile" },
        })
        throw new MedusaError(
          MedusaError.Types.FORBIDDEN,
          `Sale ${sale.id} took money since the void was asked for: voiding it now needs a manager (ask again with a manager's approval)`
        )
      }
      const tenders = sale.tenders
        .filter((t) => t.status === TenderStatus.SUCCEEDED || t.status === TenderStatus.PENDING)
        // cards first: if Stripe cannot be reached, nothing else has changed yet
        .sort((a, b) => (a.type === b.type ? 0 : a.type === TenderType.CARD ? -1 : 1))
      for (const tender of tenders) {
        if (tender.type === TenderType.CARD) {
          // the reader stops, and the authorization is canceled: nothing is charged
          await callStripe("The sale could not be voided", () => cancelCardTender(container, tender.id))
        } else {
          await pos.updatePosTenders({ id: tender.id, status: TenderStatus.CANCELED })
        }
      }
      // endless-aisle lines hold stock at their nodes from the moment they were scanned
      const { data: carts } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "cart",
        fields: ["items.id"],
        filters: { id: sale.cart_id },
      })
      await releaseEndlessAisleReservations(
        container,
        ((carts[0] as any)?.items ?? []).map((item: any) => item.id)
      )
      const raises = await pos.listPosInventoryDiscrepancies({ sale_id: sale.id, reversed_at: null })
      await reverseRaises(
        container,
        raises.map((r) => ({
          discrepancy_id: r.id,
          inventory_item_id: r.inventory_item_id,
          location_id: r.location_id,
          quantity: r.quantity_added,
        }))
      )
      const voided = await pos.updatePosSales({
        id: sale.id,
        status: SaleStatus.VOIDED,
        voided_at: new Date(),
        voided_by: input.staff_id,
      })
      return { sale: voided, tenders_canceled: tenders.map((t) => ({ id: t.id, type: t.type, amount: Number(t.amount) })) }
    })
    return new StepResponse(result)
  }
)
