import type { MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
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

/** The store as its staff need it at the till: address, hours, switches, registers, your role. */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "pos_store",
    fields: terminalStoreFields,
    filters: { id: req.params.store_id },
  })
  res.json({ store: data[0], role: req.membership!.role })
}
