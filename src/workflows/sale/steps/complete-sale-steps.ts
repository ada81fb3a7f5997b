import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import { SaleStatus } from "../../../modules/pos/models/sale"
import { CREDIT_TENDER_TYPES, TenderStatus } from "../../../modules/pos/models/tender"
import type PosModuleService from "../../../modules/pos/service"
import { saleBalance, throwIfShiftClosed } from "../utils/sale-balance"

export const prepareSaleCompletionStepId = "prepare-pos-sale-completion"

/**
 * Completion is refused while the tenders do not cover the total, for a sale
 * that is not open, and on a closed shift. The caller holds the sale's lock.
 */
export const prepareSaleCompletionStep = createStep(
  prepareSaleCompletionStepId,
  async (input: { sale_id: string }, { container }) => {
    // also what a payment collection for the cart needs: Medusa's unrounded total, and whether it has one
    const { sale, total, paid, due, cart } = await saleBalance(container, input.sale_id, ["raw_total", "payment_collection.id"])
    if (sale.status !== SaleStatus.OPEN) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Sale ${sale.id} is already ${sale.status}` + (sale.order_id ? ` (order ${sale.order_id})` : "")
      )
    }
    const onReader = sale.tenders.filter((t) => t.status === TenderStatus.PENDING)
    if (onReader.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Sale ${sale.id} has a card payment still on the reader (${onReader.map((t) => t.id).join(", ")}); wait for it or cancel it`
      )
    }
    if (MathBN.lte(total, 0)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Sale ${sale.id} has no lines to sell`)
    }
    if (MathBN.gt(due, 0)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Sale ${sale.id} totals ${total.toNumber()} ${sale.currency_code.toUpperCase()}; tenders cover ` +
          `${paid.toNumber()}, ${due.toNumber()} is still due`
      )
    }
    if (MathBN.lt(due, 0)) {
      // gift cards cover more after a change on the cart (the loyalty plugin re-applies them up to the total)
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Sale ${sale.id}: its tenders pay ${MathBN.mult(due, -1).toNumber()} ${sale.currency_code.toUpperCase()} more than its total; take a gift card or store credit off, or void the sale`
      )
    }
    await throwIfShiftClosed(container, sale.shift_id)
    const change_due = MathBN.add(
      0,
      ...sale.tenders.filter((t) => t.status === TenderStatus.SUCCEEDED).map((t) => t.change_due ?? 0)
    ).toNumber()
    return new StepResponse({
      cart_id: sale.cart_id,
      currency_code: sale.currency_code,
      total: total.toNumber(),
      change_due,
      raw_total: cart?.raw_total ?? null,
      payment_collection_id: (cart?.payment_collection?.id as string | undefined) ?? null,
      // what becomes the payment sessions: gift cards and store credit are the cart's credit lines instead
      tenders: sale.tenders
        .filter((t) => t.status === TenderStatus.SUCCEEDED && !CREDIT_TENDER_TYPES.includes(t.type))
        .map((t) => ({ id: t.id, type: t.type, amount: t.amount, payment_session_id: t.payment_session_id ?? null })),
    })
  }
)

export const markSaleCompletedStepId = "mark-pos-sale-completed"

/**
 * Records the order on the sale. Undone only together with the order: when a
 * later step of the completion fails, the order's placement is compensated too
 * (the order goes), and the sale is open again to be completed once more.
 */
export const markSaleCompletedStep = createStep(
  markSaleCompletedStepId,
  async (input: { sale_id: string; order_id: string }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const sale = await pos.updatePosSales({
      id: input.sale_id,
      status: SaleStatus.COMPLETED,
      order_id: input.order_id,
      completed_at: new Date(),
    })
    return new StepResponse(sale, input.sale_id)
  },
  async (saleId, { container }) => {
    if (!saleId) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    await pos.updatePosSales({ id: saleId, status: SaleStatus.OPEN, order_id: null, completed_at: null })
  }
)
