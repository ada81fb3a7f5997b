import type { MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { normalizePhone } from "../../../lib/phone"
import { roundToCurrency, toNumber } from "../../../workflows/utils/money"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { returnsDeskStoreId } from "../returns/helpers"
import type { TerminalSearchOrdersParamsType } from "../returns/validators"
import type { TerminalRequest } from "../utils/staff-access"

const FIELDS = [
  "id",
  "display_id",
  "email",
  "status",
  "created_at",
  "currency_code",
  "total",
  "metadata",
  "sales_channel.name",
  "customer.first_name",
  "customer.last_name",
  "items.*",
]

/**
 * The returns desk's order search, across every channel: by display id
 * ("1042" or "#1042"), by the customer's email or phone number, or by the code
 * printed on a till receipt. Answers only what a returns desk needs: no addresses, no
 * payment details.
 */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const { q, store_id, limit = 10 } = req.validatedQuery as TerminalSearchOrdersParamsType
  await returnsDeskStoreId(req, store_id)
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)

  let filters: Record<string, unknown>
  const displayId = q.match(/^#?(\d{1,9})$/)
  if (displayId) {
    filters = { display_id: Number(displayId[1]) }
  } else if (/^\+?[\d\s().-]{7,20}$/.test(q) && q.replace(/\D/g, "").length >= 7) {
    // a phone number, as typed or as stored: the orders of the customers who have it
    const digits = q.replace(/\D/g, "")
    const customers = await req.scope
      .resolve(Modules.CUSTOMER)
      .listCustomers({ phone: [...new Set([q.trim(), normalizePhone(q), digits, `+${digits}`])] } as any, { select: ["id"], take: 20 })
    filters = { customer_id: customers.map((c: any) => c.id as string) }
  } else if (q.includes("@")) {
    // the whole address, any case: wildcards are taken literally, so nobody lists every customer's orders
    filters = { email: { $ilike: q.replace(/[\\%_]/g, (c) => `\\${c}`) } }
  } else {
    // a store's code may have lower-case letters, and a typed code any case
    const [sale] = await pos.listPosSales({ receipt_code: { $ilike: q.replace(/[\\%_]/g, (c) => `\\${c}`) } }, { select: ["order_id"] })
    filters = { id: sale?.order_id ?? [] }
  }
  const { data } = await query.graph({
    entity: "order",
    fields: FIELDS,
    filters,
    pagination: { take: limit, order: { created_at: "DESC" } },
  })
  const storeIds = [...new Set((data as any[]).map((o) => o.metadata?.pos_store_id).filter(Boolean))]
  const stores = storeIds.length ? await pos.listPosStores({ id: storeIds }, { select: ["id", "name"] }) : []
  const storeName = new Map(stores.map((s) => [s.id, s.name]))
  res.json({
    orders: (data as any[]).map((order) => ({
      id: order.id,
      display_id: order.display_id,
      created_at: order.created_at,
      status: order.status,
      channel: order.sales_channel?.name ?? null,
      sold_at_store: order.metadata?.pos_store_id ? (storeName.get(order.metadata.pos_store_id) ?? null) : null,
      email: order.email ?? null,
      customer_name: [order.customer?.first_name, order.customer?.last_name].filter(Boolean).join(" ") || null,
      currency_code: order.currency_code,
      total: roundToCurrency(order.total, order.currency_code),
      items: ((order.items ?? []) as any[]).map((item) => ({
        id: item.id,
        title: item.product_title ?? item.title,
        variant_title: item.variant_title ?? null,
        sku: item.variant_sku ?? null,
        thumbnail: item.thumbnail ?? null,
        quantity: toNumber(item.quantity),
      })),
    })),
  })
}
