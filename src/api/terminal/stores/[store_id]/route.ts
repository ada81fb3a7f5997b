import type { MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../modules/pos"
import type PosModuleService from "../../../../modules/pos/service"
import { POS_STORE_FIELDS } from "../../../utils/store-fields"
import type { TerminalRequest } from "../../utils/staff-access"

const terminalStoreFields = [
  ...POS_STORE_FIELDS,
  "registers.id",
  "registers.name",
  "registers.is_active",
  "registers.stripe_reader_id",
  "stock_location.id",
  "sales_channel.id",
]

/**
 * The store as its staff need it at the till: address, hours, switches,
 * registers, your role, its currency as Medusa knows it (decimals and
 * symbol, for showing amounts), and the till's settings (idle lock).
 */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "pos_store",
    fields: terminalStoreFields,
    filters: { id: req.params.store_id },
  })
  const store = data[0]
  const { data: currencies } = await query.graph({
    entity: "currency",
    fields: ["code", "symbol", "symbol_native", "decimal_digits"],
    filters: { code: store.currency_code },
  })
  const { till } = req.scope.resolve<PosModuleService>(POS_MODULE).settings
  res.json({ store, role: req.membership!.role, currency: currencies[0] ?? null, till })
}
