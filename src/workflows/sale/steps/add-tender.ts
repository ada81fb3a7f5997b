import { MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../../modules/pos"
import { SaleStatus } from "../../../modules/pos/models/sale"
import { TenderStatus, TenderType } from "../../../modules/pos/models/tender"
import type PosModuleService from "../../../modules/pos/service"
import { isSimulatedReader, throwIfSimulatedReaderOff } from "../../../modules/pos/utils/simulated-reader"
import { asStripeRefusalIfAny, startCardTender, terminalStripe } from "../utils/card-tender"
import { prepareTender } from "../utils/prepare-tender"
import { saleBalance, throwIfShiftClosed } from "../utils/sale-balance"
import { saleLockKey } from "../utils/sale-lock"
import { throwIfOverAmountLimit } from "../utils/sale-limits"
import { createHash } from "node:crypto"

export const addTenderStepId = "add-pos-tender"

export type AddTenderInput = {
  sale_id: string
  type: "cash" | "card"
  amount: number
  tendered?: number
  currency_code?: string
  idempotency_key: string
  staff_id: string
  /** cash an offline sale already took, recorded at sync: not bounded by limits.max_tender_amount */
  taken_offline?: boolean
}

/** What identifies a tender request: the same key with another body is another request. */
export function tenderRequestHash(input: Pick<AddTenderInput, "type" | "amount" | "tendered" | "currency_code">) {
  const body = [input.type, String(input.amount), input.tendered == null ? "" : String(input.tendered), (input.currency_code ?? "").toLowerCase()]
  return createHash("sha256").update(JSON.stringify(body)).digest("hex")
}

/**
 * Records a tender. The idempotency key makes a retried request return the
 * tender it created the first time instead of taking the money again.
 */
export const addTenderStep = createStep(
  addTenderStepId,
  async (input: AddTenderInput, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const locking = container.resolve(Modules.LOCKING)
    return await locking.execute(saleLockKey(input.sale_id), async () => {
      const requestHash = tenderRequestHash(input)
      const [existing] = await pos.listPosTenders({ sale_id: input.sale_id, idempotency_key: input.idempotency_key })
      if (existing) {
        // tenders recorded before request_hash existed are compared by type alone
        if (existing.type !== input.type || (existing.request_hash && existing.request_hash !== requestHash)) {
          throw new MedusaError(
            MedusaError.Types.CONFLICT,
            `idempotency_key ${input.idempotency_key} was already used for another tender (${existing.id}) on sale ${input.sale_id} with a different request; use a new key for a new tender`
          )
        }
        return new StepResponse({ tender: existing, replayed: true }, null as string | null)
      }
      // after the replay: a retry of a tender taken before the limits were lowered still gets its answer.
      // Cash an offline sale already took is recorded whatever the limit (the offline policy capped it).
      if (!input.taken_offline) {
        const { limits } = pos.settings
        throwIfOverAmountLimit("amount", input.amount, limits.max_tender_amount, "max_tender_amount")
        if (input.tendered != null) {
          throwIfOverAmountLimit("tendered", input.tendered, limits.max_tender_amount, "max_tender_amount")
        }
      }

      const { sale, due, pending } = await saleBalance(container, input.sale_id)
      if (sale.status !== SaleStatus.OPEN) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Sale ${sale.id} is ${sale.status}; it takes no more tenders`)
      }
      await throwIfShiftClosed(container, sale.shift_id)
      if (input.currency_code && input.currency_code.toLowerCase() !== sale.currency_code) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `currency_code ${input.currency_code} is not the sale's currency (${sale.currency_code})`
        )
      }
      const plan = prepareTender(input, MathBN.sub(due, pending), sale.currency_code)
      if (input.type === TenderType.CARD) {
        const register = await pos.retrievePosRegister(sale.register_id, { select: ["id", "name", "stripe_reader_id"] })
        if (!register.stripe_reader_id) {
          throw new MedusaError(
            MedusaError.Types.NOT_ALLOWED,
            `Register ${register.name} has no card reader; set its reader_id, or take cash`
          )
        }
        if (isSimulatedReader(register.stripe_reader_id)) {
          throwIfSimulatedReaderOff(register.stripe_reader_id, pos.settings.simulated_reader)
        } else {
          terminalStripe(container)
        }
        const tender = await pos.createPosTenders({
          sale_id: sale.id,
          type: TenderType.CARD,
          status: TenderStatus.PENDING,
          currency_code: sale.currency_code,
          idempotency_key: input.idempotency_key,
          staff_id: input.staff_id,
          request_hash: requestHash,
          reader_id: register.stripe_reader_id,
          ...plan,
        })
        try {
          const started = await startCardTender(container, {
            sale_id: sale.id,
            cart_id: sale.cart_id,
            tender_id: tender.id,
            reader_id: register.stripe_reader_id,
            amount: plan.amount,
            currency_code: sale.currency_code,
          })
          return new StepResponse({ tender: started, replayed: false }, tender.id as string | null)
        } catch (error) {
          // nothing half-written: no tender without its payment session
          await pos.deletePosTenders(tender.id)
          throw asStripeRefusalIfAny(error, "No card tender was taken")
        }
      }
      const tender = await pos.createPosTenders({
        sale_id: sale.id,
        type: input.type as TenderType,
        status: TenderStatus.SUCCEEDED,
        currency_code: sale.currency_code,
        idempotency_key: input.idempotency_key,
        staff_id: input.staff_id,
        request_hash: requestHash,
        ...plan,
      })
      return new StepResponse({ tender, replayed: false }, tender.id as string | null)
    })
  },
  async (tenderId, { container }) => {
    if (!tenderId) {
      return
    }
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const tender = await pos.retrievePosTender(tenderId)
    if (tender.payment_session_id) {
      await container.resolve(Modules.PAYMENT).deletePaymentSession(tender.payment_session_id)
    }
    await pos.deletePosTenders(tenderId)
  }
)
