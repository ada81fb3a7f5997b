import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { createHash } from "node:crypto"
import { POS_MODULE } from "../../../modules/pos"
import { SaleStatus } from "../../../modules/pos/models/sale"
import { CREDIT_TENDER_TYPES, TenderStatus, TenderType } from "../../../modules/pos/models/tender"
import type PosModuleService from "../../../modules/pos/service"
import { customerCreditAccount, giftCardByCode, requireLoyalty } from "../../loyalty/utils/loyalty"
import { roundToCurrency } from "../../utils/money"
import { saleBalance, throwIfShiftClosed } from "../utils/sale-balance"
import { throwIfOverAmountLimit } from "../utils/sale-limits"

export type AddCreditTenderInput = {
  sale_id: string
  type: "gift_card" | "store_credit"
  /** gift card: its code, typed or scanned */
  code?: string
  /** store credit: how much of the balance to use; by default as much as is due */
  amount?: number
  idempotency_key: string
  staff_id: string
}

export type CreditTenderPlan = {
  /** the tender this idempotency key already took */
  replayed: Record<string, any> | null
  cart_id: string
  currency_code: string
  code: string | null
  masked_code: string | null
  /** the gift card's id, or the store credit account's */
  reference_id: string
  balance_before: number
  /** store credit: what the credit line is for */
  amount: number | null
  request_hash: string
  /** the card or account is on the cart already without a tender (a run cut off after the plugin applied it): recorded, not applied again */
  on_cart: boolean
  /** store credit: the customer whose account pays (audited) */
  customer_id: string | null
}

const requestHash = (input: AddCreditTenderInput, code: string | null) =>
  createHash("sha256")
    .update(JSON.stringify([input.type, code ?? "", input.amount == null ? "" : String(input.amount)]))
    .digest("hex")

/**
 * What a gift card or store credit tender will put on the sale's cart, checked before the loyalty
 * plugin's workflow applies it: the sale open on an open shift, the card known, in the sale's
 * currency, unexpired and with a balance, the customer's account with a balance. The plugin applies a
 * gift card's whole balance up to the cart's total; after cash or card, only a card whose balance
 * fits in what is still due can go on without paying more than the total. The same key again finds
 * the tender it took. Runs under the sale's lock.
 */
export const prepareCreditTenderStep = createStep(
  "prepare-pos-credit-tender",
  async (input: AddCreditTenderInput, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const sale = await pos.retrievePosSale(input.sale_id, { relations: ["tenders"] })
    const [existing] = await pos.listPosTenders({ sale_id: input.sale_id, idempotency_key: input.idempotency_key })
    requireLoyalty(container, input.type === "gift_card" ? "A gift card tender" : "A store credit tender")
    const card = input.type === "gift_card" ? await giftCardByCode(container, input.code) : null
    const hash = requestHash(input, card?.code ?? null)
    if (existing) {
      if (existing.type !== input.type || existing.request_hash !== hash) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `idempotency_key ${input.idempotency_key} was already used for another tender (${existing.id}) on sale ${input.sale_id} with a different request; use a new key for a new tender`
        )
      }
      return new StepResponse<CreditTenderPlan>({
        replayed: existing,
        cart_id: sale.cart_id,
        currency_code: sale.currency_code,
        code: card?.code ?? null,
        masked_code: existing.credit_code ?? null,
        reference_id: existing.credit_reference_id ?? "",
        balance_before: MathBN.convert(existing.balance_before ?? 0).toNumber(),
        amount: null,
        request_hash: hash,
        on_cart: false,
        customer_id: null,
      })
    }
    if (sale.status !== SaleStatus.OPEN) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Sale ${sale.id} is ${sale.status}; it takes no more tenders`)
    }
    await throwIfShiftClosed(container, sale.shift_id)
    const { due, pending, cart } = await saleBalance(container, sale.id, ["customer_id"])
    const remaining = MathBN.sub(due, pending)
    if (MathBN.lte(remaining, 0)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Nothing is due on this sale any more; complete it")
    }
    const live = sale.tenders.filter((t) => t.status === TenderStatus.SUCCEEDED || t.status === TenderStatus.PENDING)
    throwIfCardTaken(live)
    const moneyTaken = live.some((t) => !CREDIT_TENDER_TYPES.includes(t.type))
    const currency = sale.currency_code.toUpperCase()
    const onCart = async (referenceId: string) => MathBN.gt(await creditLineAmount(container, sale.cart_id, referenceId), 0)

    if (card) {
      if (card.currency_code.toLowerCase() !== sale.currency_code) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Gift card ${card.masked_code} is in ${card.currency_code.toUpperCase()}; this sale is in ${currency}`
        )
      }
      if (card.expired) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Gift card ${card.masked_code} expired on ${new Date(card.expires_at!).toISOString().slice(0, 10)}`)
      }
      if (!(card.balance > 0)) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Gift card ${card.masked_code} has no balance left`)
      }
      if (live.some((t) => t.type === TenderType.GIFT_CARD && t.credit_reference_id === card.id)) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Gift card ${card.masked_code} is already a tender of this sale`)
      }
      if (moneyTaken && MathBN.gt(card.balance, remaining)) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Gift card ${card.masked_code} holds ${card.balance} ${currency}, more than the ${remaining.toNumber()} still due after the cash and card taken: ` +
            `a gift card pays as much of the sale as its balance covers, so take gift cards before cash and card (void this sale and ring it up again, gift card first)`
        )
      }
      return new StepResponse<CreditTenderPlan>({
        replayed: null,
        cart_id: sale.cart_id,
        currency_code: sale.currency_code,
        code: card.code,
        masked_code: card.masked_code,
        reference_id: card.id,
        balance_before: card.balance,
        amount: null,
        request_hash: hash,
        on_cart: await onCart(card.id),
        customer_id: null,
      })
    }

    if (!cart?.customer_id) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Store credit is the customer's: attach the customer to the sale first")
    }
    if (live.some((t) => t.type === TenderType.STORE_CREDIT)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Store credit is already a tender of this sale")
    }
    const account = await customerCreditAccount(container, cart.customer_id, sale.currency_code)
    if (!account || !(account.balance > 0)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `The customer has no store credit in ${currency}`)
    }
    if (input.amount != null) {
      throwIfOverAmountLimit("amount", input.amount, pos.settings.limits.max_tender_amount, "max_tender_amount")
      if (roundToCurrency(input.amount, sale.currency_code) !== input.amount || !(input.amount > 0)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `amount ${input.amount} is not an amount of ${currency} above 0`)
      }
      if (MathBN.gt(input.amount, account.balance)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `amount ${input.amount} is more than the customer's store credit (${account.balance} ${currency})`)
      }
      if (MathBN.gt(input.amount, remaining)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `amount ${input.amount} is more than the ${remaining.toNumber()} still due`)
      }
    }
    return new StepResponse<CreditTenderPlan>({
      replayed: null,
      cart_id: sale.cart_id,
      currency_code: sale.currency_code,
      code: null,
      masked_code: null,
      reference_id: account.id,
      balance_before: account.balance,
      amount: input.amount ?? MathBN.min(account.balance, remaining).toNumber(),
      request_hash: hash,
      on_cart: await onCart(account.id),
      customer_id: cart.customer_id as string,
    })
  }
)

/**
 * A gift card or store credit changes the cart's total, and Medusa's cart refresh then drops the
 * cart's payment sessions, which for a card releases its authorization: credit tenders go on (and
 * come off) before the card, never after.
 */
export function throwIfCardTaken(live: { id: string; type: string }[]) {
  const card = live.find((t) => t.type === TenderType.CARD)
  if (card) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `This sale has a card payment (tender ${card.id}): gift cards and store credit go on and come off before the card. Cancel the card payment, then take the gift card or store credit, then the card again`
    )
  }
}

/** The credit lines of a cart for one gift card or store credit account, summed. */
export async function creditLineAmount(container: { resolve: (key: string) => any }, cartId: string, referenceId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["credit_lines.reference_id", "credit_lines.amount"],
    filters: { id: cartId },
  })
  const lines = (((data[0] as any)?.credit_lines ?? []) as any[]).filter((l) => l?.reference_id === referenceId)
  return MathBN.add(0, ...lines.map((l) => l.amount))
}

/**
 * Records the gift card or store credit the plugin's workflow put on the cart as a tender: what its
 * credit line covers, the balance before, the card's masked code. A credit line that would pay more
 * than the sale costs is refused (the plugin's workflow is then undone). Compensation removes the row.
 */
export const recordCreditTenderStep = createStep(
  "record-pos-credit-tender",
  async (input: { tender: AddCreditTenderInput; plan: CreditTenderPlan }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const { plan } = input
    const amount = await creditLineAmount(container, plan.cart_id, plan.reference_id)
    if (!MathBN.gt(amount, 0)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Nothing of this sale was left for the gift card or store credit to pay")
    }
    const { due } = await saleBalance(container, input.tender.sale_id)
    if (MathBN.lt(due, 0)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `With this ${input.tender.type === "gift_card" ? "gift card" : "store credit"} the tenders would pay ${MathBN.mult(due, -1).toNumber()} more than the sale costs; take it before cash and card`
      )
    }
    const tender = await pos.createPosTenders({
      sale_id: input.tender.sale_id,
      type: input.tender.type as TenderType,
      status: TenderStatus.SUCCEEDED,
      amount: amount.toNumber(),
      currency_code: plan.currency_code,
      idempotency_key: input.tender.idempotency_key,
      staff_id: input.tender.staff_id,
      request_hash: plan.request_hash,
      credit_reference_id: plan.reference_id,
      credit_code: plan.masked_code,
      balance_before: plan.balance_before,
    })
    return new StepResponse(tender, tender.id)
  },
  async (tenderId, { container }) => {
    if (tenderId) {
      await container.resolve<PosModuleService>(POS_MODULE).deletePosTenders(tenderId)
    }
  }
)
