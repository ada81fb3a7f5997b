import type { MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { POS_MODULE } from "../../../../../../modules/pos"
import type PosModuleService from "../../../../../../modules/pos/service"
import { addEndlessAisleLineWorkflow } from "../../../../../../workflows/sale/add-endless-aisle-line"
import { withSaleLock } from "../../../../../../workflows/sale/utils/sale-lock"
import { updateSaleLineWorkflow } from "../../../../../../workflows/sale/update-sale-line"
import { endlessOf, inventoryFor } from "../../../../../../workflows/sale/utils/endless-aisle"
import { loadStoreLocationId } from "../../../../../../workflows/sale/utils/store-context"
import type { TerminalRequest } from "../../../../utils/staff-access"
import { refetchSale } from "../../../helpers"
import type { TerminalUpdateSaleLineType } from "../../../validators"

async function setQuantity(req: TerminalRequest, res: MedusaResponse, quantity: number) {
  const locationId = await loadStoreLocationId(req.scope, req.membership!.store_id)
  await withSaleLock(req.scope, req.params.id, async () => {
    const endless = quantity > 0 ? await endlessLine(req, req.params.id, req.params.line_id) : null
    if (endless) {
      // same node and destination, new quantity: the line's reservation is
      // released and the new quantity reserved there, or nothing changes
      await addEndlessAisleLineWorkflow(req.scope).run({
        input: {
          sale_id: req.params.id,
          variant_id: endless.variant_id,
          quantity,
          line: endless.line,
          inventory: await inventoryFor(req.scope, endless.variant_id, quantity),
          replace_line_id: req.params.line_id,
        },
      })
      return
    }
    await updateSaleLineWorkflow(req.scope).run({
      input: { sale_id: req.params.id, line_id: req.params.line_id, quantity, location_id: locationId },
    })
  })
  res.json({ sale: await refetchSale(req.scope, req.params.id) })
}

async function endlessLine(req: TerminalRequest, saleId: string, lineId: string) {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const sale = await pos.retrievePosSale(saleId, { select: ["cart_id"] })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["items.id", "items.variant_id", "items.metadata"],
    filters: { id: sale.cart_id },
  })
  const item = ((data[0] as any)?.items ?? []).find((i: any) => i?.id === lineId)
  if (!item) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Line ${lineId} is not on sale ${saleId}`)
  }
  const line = endlessOf(item)
  return line ? { variant_id: item.variant_id as string, line } : null
}

export const PATCH = async (req: TerminalRequest<TerminalUpdateSaleLineType>, res: MedusaResponse) =>
  setQuantity(req, res, req.validatedBody.quantity)

export const DELETE = async (req: TerminalRequest, res: MedusaResponse) => setQuantity(req, res, 0)
