import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createCustomersWorkflow } from "@medusajs/medusa/core-flows"
import { normalizePhone } from "../../../../../lib/phone"
import { updateSaleCartWorkflow } from "../../../../../workflows/sale/update-sale-cart"
import type { TerminalRequest } from "../../../utils/staff-access"
import { refetchSale } from "../../helpers"
import type { TerminalSaleCustomerType } from "../../validators"
import { withSaleLock } from "../../../../../workflows/sale/utils/sale-lock"

/**
 * Attaches a customer to the sale: by id, by email (found, or created with
 * that email, by Medusa's cart update), or by phone (found by the number as
 * typed or as digits, else created with it).
 */
export const POST = async (req: TerminalRequest<TerminalSaleCustomerType>, res: MedusaResponse) => {
  const { email, phone } = req.validatedBody
  let { customer_id } = req.validatedBody
  if (phone) {
    const customers = req.scope.resolve(Modules.CUSTOMER)
    const digits = normalizePhone(phone)
    const [found] = await customers.listCustomers({ phone: [...new Set([phone, digits])] } as any, { select: ["id"], take: 1 })
    customer_id =
      found?.id ??
      (await createCustomersWorkflow(req.scope).run({ input: { customersData: [{ phone: digits }] } })).result[0].id
  } else if (customer_id) {
    const [customer] = await req.scope.resolve(Modules.CUSTOMER).listCustomers({ id: customer_id }, { select: ["id"] })
    if (!customer) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer ${customer_id} was not found`)
    }
  }
  await withSaleLock(req.scope, req.params.id, () =>
    updateSaleCartWorkflow(req.scope).run({ input: { sale_id: req.params.id, customer: { customer_id, email } } })
  )
  res.json({ sale: await refetchSale(req.scope, req.params.id) })
}
