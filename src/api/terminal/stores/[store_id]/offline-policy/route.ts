import type { MedusaResponse } from "@medusajs/framework/http"
import { POS_MODULE } from "../../../../../modules/pos"
import type PosModuleService from "../../../../../modules/pos/service"
import type { TerminalRequest } from "../../../utils/staff-access"

/** What a register may sell while offline: the POS page shows it and enforces it. */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const pos: PosModuleService = req.scope.resolve(POS_MODULE)
  const { tenders, max_sale_amount, max_offline_hours } = pos.settings.offline
  const { max_line_quantity, max_sale_lines } = pos.settings.limits
  res.json({
    policy: {
      tenders_allowed: tenders,
      max_sale_amount,
      max_offline_hours,
      // what a synced sale may hold (beyond, the server rejects it)
      max_line_quantity,
      max_sale_lines,
      // no balance can be checked offline: a gift card or store credit could be spent twice
      tenders_not_offered: ["card", "gift_card", "store_credit"].filter((t) => !tenders.includes(t)),
      note:
        "Card payments cannot be taken offline in a browser; offline sales are cash only. " +
        "Gift cards and store credit are not taken offline: their balance cannot be checked without the server.",
    },
  })
}
