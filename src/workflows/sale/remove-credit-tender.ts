import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteCartCreditLinesWorkflow, refreshCartItemsWorkflow } from "@medusajs/medusa/core-flows"
import { removeGiftCardFromCartWorkflow } from "@medusajs/loyalty-plugin/workflows"
import { POS_MODULE } from "../../modules/pos"
import { SaleStatus } from "../../modules/pos/models/sale"
import { CREDIT_TENDER_TYPES, TenderStatus, TenderType } from "../../modules/pos/models/tender"
import type PosModuleService from "../../modules/pos/service"
import { createAuditLogStep } from "../audit/steps/create-audit-log"
import { throwIfCardTaken } from "./steps/credit-tender"
import { saleBalance } from "./utils/sale-balance"
import { acquireSaleLock, releaseSaleLock } from "./utils/sale-lock"

export type RemoveCreditTenderInput = { sale_id: string; tender_id: string; store_id: string; staff_id: string; request_id?: string }

/** What taking a gift card or store credit off an open sale removes from its cart. */
const prepareCreditTenderRemovalStep = createStep("prepare-pos-credit-tender-removal", async (input: RemoveCreditTenderInput, { container }) => {
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const [tender] = await pos.listPosTenders({ id: input.tender_id, sale_id: input.sale_id })
  if (!tender || !CREDIT_TENDER_TYPES.includes(tender.type)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Sale ${input.sale_id} has no gift card or store credit tender ${input.tender_id}`)
  }
  if (tender.status !== TenderStatus.SUCCEEDED) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Tender ${tender.id} is already ${tender.status}`)
  }
  const sale = await pos.retrievePosSale(input.sale_id, { relations: ["tenders"] })
  if (sale.status !== SaleStatus.OPEN) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Sale ${sale.id} is ${sale.status}: its gift cards and store credit stand (a completed sale is refunded)`)
  }
  throwIfCardTaken(sale.tenders.filter((t) => t.status === TenderStatus.SUCCEEDED || t.status === TenderStatus.PENDING))
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["credit_lines.id", "credit_lines.reference", "gift_cards.id", "gift_cards.code"],
    filters: { id: sale.cart_id },
  })
  const cart = data[0] as any
  if (tender.type === TenderType.GIFT_CARD) {
    // a card the plugin already dropped from the cart (expired since) is only marked canceled
    const card = ((cart?.gift_cards ?? []) as any[]).find((g) => g?.id === tender.credit_reference_id)
    return new StepResponse({ cart_id: sale.cart_id, tender, mode: card ? "gift_card" : "none", code: (card?.code as string | undefined) ?? null, credit_line_ids: [] as string[] })
  }
  const ids = ((cart?.credit_lines ?? []) as any[]).filter((l) => l?.reference === "store-credit").map((l) => l.id as string)
  return new StepResponse({ cart_id: sale.cart_id, tender, mode: ids.length ? "store_credit" : "none", code: null as string | null, credit_line_ids: ids })
})

/** After a gift card came off, the others cover more (the plugin re-applies them): never more than the sale costs. */
const checkNotOverpaidStep = createStep("check-pos-sale-not-overpaid", async (input: { sale_id: string }, { container }) => {
  const { due, sale } = await saleBalance(container, input.sale_id)
  if (MathBN.lt(due, 0)) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Without this tender the sale's other gift cards would pay ${MathBN.mult(due, -1).toNumber()} ${sale.currency_code.toUpperCase()} more than it costs; void the sale instead`
    )
  }
  return new StepResponse(void 0)
})

const cancelCreditTenderStep = createStep(
  "cancel-pos-credit-tender",
  async (input: { tender_id: string }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const tender = await pos.updatePosTenders({ id: input.tender_id, status: TenderStatus.CANCELED, failure_reason: "Taken off the sale at the till" })
    return new StepResponse(tender, input.tender_id)
  },
  async (tenderId, { container }) => {
    if (tenderId) {
      await container.resolve<PosModuleService>(POS_MODULE).updatePosTenders({ id: tenderId, status: TenderStatus.SUCCEEDED, failure_reason: null })
    }
  }
)

/**
 * Takes a gift card or store credit off an open sale (the wrong card, the customer changed their
 * mind): the loyalty plugin's removeGiftCardFromCartWorkflow, or the cart's store credit lines
 * deleted as the plugin's addStoreCreditsToCartWorkflow deletes them, and the tender canceled.
 * Nothing was debited yet (that happens at completion). Under the sale's lock.
 */
export const removeCreditTenderWorkflow = createWorkflow("remove-pos-credit-tender", (input: RemoveCreditTenderInput) => {
  const lock = acquireSaleLock(input)
  const found = prepareCreditTenderRemovalStep(input)
  when("pos-remove-gift-card", { found }, ({ found }) => found.mode === "gift_card").then(() => {
    removeGiftCardFromCartWorkflow.runAsStep({ input: transform({ found }, ({ found }) => ({ cart_id: found.cart_id, code: found.code! })) })
  })
  when("pos-remove-store-credit", { found }, ({ found }) => found.mode === "store_credit").then(() => {
    deleteCartCreditLinesWorkflow.runAsStep({ input: transform({ found }, ({ found }) => ({ id: found.credit_line_ids })) })
    refreshCartItemsWorkflow.runAsStep({ input: transform({ found }, ({ found }) => ({ cart_id: found.cart_id })) })
  })
  const tender = cancelCreditTenderStep(transform({ input }, ({ input }) => ({ tender_id: input.tender_id })))
  checkNotOverpaidStep(transform({ input }, ({ input }) => ({ sale_id: input.sale_id })))
  createAuditLogStep(
    transform({ input, found }, ({ input, found }) => [
      {
        actor_type: "staff" as const,
        actor_id: input.staff_id,
        store_id: input.store_id,
        action: "sale.tender_removed",
        resource_type: "pos_sale",
        resource_id: input.sale_id,
        request_id: input.request_id ?? null,
        data: { tender_id: input.tender_id, type: found.tender.type, credit_code: found.tender.credit_code ?? null },
      },
    ])
  )
  releaseSaleLock(lock)
  return new WorkflowResponse(tender)
})
