import { Modules, PromotionActions } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createCustomersWorkflow, updateCartPromotionsWorkflow, updateCartWorkflow } from "@medusajs/medusa/core-flows"
import { normalizePhone } from "../../lib/phone"
import { loadOpenSaleStep } from "./steps/load-open-sale"
import { acquireSaleLock, releaseSaleLock } from "./utils/sale-lock"

export const updateSaleCartWorkflowId = "update-pos-sale-cart"

export type UpdateSaleCartWorkflowInput = {
  sale_id: string
  /** attach a known customer, find or create one by email, or find or create one by phone */
  customer?: { customer_id?: string; email?: string; phone?: string }
  promotion?: { code: string; action: "add" | "remove" }
}

/** A customer by phone, as typed or as digits: the first found, or null and the digits to create one with. */
const findCustomerByPhoneStep = createStep("find-pos-customer-by-phone", async (input: { phone: string }, { container }) => {
  const digits = normalizePhone(input.phone)
  const [found] = await container
    .resolve(Modules.CUSTOMER)
    .listCustomers({ phone: [...new Set([input.phone, digits])] } as any, { select: ["id"], take: 1 })
  return new StepResponse({ id: (found?.id as string | undefined) ?? null, digits })
})

/**
 * Changes an open sale's cart through Medusa's own cart workflows, under the sale's lock: the
 * customer (by id; found or created by email; found by phone as typed or as digits, else created
 * with it by Medusa's createCustomersWorkflow, only once the sale is known to be open and
 * untendered, and taken back if the attach fails), or promotion codes, with taxes and totals
 * recomputed as Medusa does for any cart.
 */
export const updateSaleCartWorkflow = createWorkflow(updateSaleCartWorkflowId, (input: UpdateSaleCartWorkflowInput) => {
  const lock = acquireSaleLock(input)
  const sale = loadOpenSaleStep({ sale_id: input.sale_id })

  const byPhone = when("pos-customer-by-phone", { input }, ({ input }) => !!input.customer?.phone).then(() =>
    findCustomerByPhoneStep(transform({ input }, ({ input }) => ({ phone: input.customer!.phone! })))
  )
  const created = when("pos-customer-new-phone", { byPhone }, ({ byPhone }) => !!byPhone && !byPhone.id).then(() =>
    createCustomersWorkflow.runAsStep({
      input: transform({ byPhone }, ({ byPhone }) => ({ customersData: [{ phone: byPhone!.digits }] })),
    })
  )

  when("pos-sale-customer", { input }, ({ input }) => !!input.customer).then(() => {
    updateCartWorkflow.runAsStep({
      input: transform({ input, sale, byPhone, created }, ({ input, sale, byPhone, created }) => {
        const customerId = input.customer!.customer_id ?? byPhone?.id ?? (created as any)?.[0]?.id
        return {
          id: sale.cart_id,
          ...(customerId ? { customer_id: customerId } : {}),
          ...(input.customer!.email ? { email: input.customer!.email } : {}),
        }
      }),
    })
  })

  when("pos-sale-promotion", { input }, ({ input }) => !!input.promotion).then(() => {
    updateCartPromotionsWorkflow.runAsStep({
      input: transform({ input, sale }, ({ input, sale }) => ({
        cart_id: sale.cart_id,
        promo_codes: [input.promotion!.code],
        action: input.promotion!.action === "add" ? PromotionActions.ADD : PromotionActions.REMOVE,
      })),
    })
  })

  releaseSaleLock(lock)
  return new WorkflowResponse(sale)
})
