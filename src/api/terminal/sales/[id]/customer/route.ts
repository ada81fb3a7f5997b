import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { updateSaleCartWorkflow } from "../../../../../workflows/sale/update-sale-cart"
import type { TerminalRequest } from "../../../utils/staff-access"
import { refetchSale } from "../../helpers"
import type { TerminalSaleCustomerType } from "../../validators"

/**
 * Attaches a customer to the sale: by id, by email (found, or created with
 * that email, by Medusa's cart update), or by phone (found by the number as
 * typed or as digits, else created with it). The workflow takes the sale's lock.
 */
export const POST = async (req: TerminalRequest<TerminalSaleCustomerType>, res: MedusaResponse) => {
  const { customer_id, email, phone } = req.validatedBody
  if (customer_id) {
    const [customer] = await req.scope.resolve(Modules.CUSTOMER).listCustomers({ id: customer_id }, { select: ["id"] })
    if (!customer) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer ${customer_id} was not found`)
    }
  }
  await updateSaleCartWorkflow(req.scope).run({ input: { sale_id: req.params.id, customer: { customer_id, email, phone } } })
  res.json({ sale: await refetchSale(req.scope, req.params.id) })
}
