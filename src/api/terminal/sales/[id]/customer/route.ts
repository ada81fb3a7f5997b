import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createCustomersWorkflow } from "@medusajs/medusa/core-flows"
import { normalizePhone } from "../../../../../lib/phone"
import { POS_MODULE } from "../../../../../modules/pos"
import { SaleStatus } from "../../../../../modules/pos/models/sale"
import { TenderStatus } from "../../../../../modules/pos/models/tender"
import type PosModuleService from "../../../../../modules/pos/service"
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
  if (customer_id) {
    const [customer] = await req.scope.resolve(Modules.CUSTOMER).listCustomers({ id: customer_id }, { select: ["id"] })
    if (!customer) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer ${customer_id} was not found`)
    }
  }
  await withSaleLock(req.scope, req.params.id, async () => {
    if (phone) {
      // under the sale's lock and only for a sale that may still change: no customer is made for a refused attach
      await throwUnlessSaleChangeable(req, req.params.id)
      const customers = req.scope.resolve(Modules.CUSTOMER)
      const digits = normalizePhone(phone)
      const [found] = await customers.listCustomers({ phone: [...new Set([phone, digits])] } as any, { select: ["id"], take: 1 })
      customer_id =
        found?.id ??
        (await createCustomersWorkflow(req.scope).run({ input: { customersData: [{ phone: digits }] } })).result[0].id
    }
    await updateSaleCartWorkflow(req.scope).run({ input: { sale_id: req.params.id, customer: { customer_id, email } } })
  })
  res.json({ sale: await refetchSale(req.scope, req.params.id) })
}

/** The rule of loadOpenSaleStep, asked before anything is written: an open sale that has taken no money. */
async function throwUnlessSaleChangeable(req: TerminalRequest, saleId: string) {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const [sale] = await pos.listPosSales({ id: saleId }, { relations: ["tenders"] })
  if (!sale || sale.status !== SaleStatus.OPEN) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Sale ${saleId} is ${sale?.status ?? "gone"}; it cannot change any more`)
  }
  if (sale.tenders.some((t) => t.status === TenderStatus.SUCCEEDED || t.status === TenderStatus.PENDING)) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Sale ${sale.id} already has tender(s); its lines, customer and promotions are fixed. Complete it, or void it and ring it up again`
    )
  }
}
