import type { MedusaResponse } from "@medusajs/framework/http"
import { roundToCurrency } from "../../../../../workflows/utils/money"
import { previewReturnRefund, returnEligibility } from "../../../../../workflows/returns/utils/return-reads"
import { returnsDeskStoreId } from "../../../returns/helpers"
import type { TerminalReturnEligibilityType } from "../../../returns/validators"
import type { TerminalRequest } from "../../../utils/staff-access"

/**
 * Per line of an order (of any channel): how many may come back at this
 * store, or the rules that refuse them, in words a cashier can read out; and
 * whether a manager's override would let them through. With `lines`, also what returning them
 * would give back and how it splits over the original tenders (`refund_preview`), before anything is taken.
 */
export const POST = async (req: TerminalRequest<TerminalReturnEligibilityType>, res: MedusaResponse) => {
  const storeId = await returnsDeskStoreId(req, req.validatedBody.store_id)
  const { order, policy, lines } = await returnEligibility(req.scope, { order_id: req.params.id, store_id: storeId })
  const info = new Map(order.lines.map((l) => [l.facts.line_item_id, l]))
  const wanted = req.validatedBody.lines
  const preview = wanted?.length ? await previewReturnRefund(req.scope, order, wanted) : null
  res.json({
    order: {
      id: order.id,
      display_id: order.display_id,
      created_at: order.created_at,
      channel: order.sales_channel?.name ?? null,
      email: order.email,
      customer_name: order.customer_name,
      currency_code: order.currency_code,
    },
    policy: {
      window_days: policy.window_days,
      window_starts: policy.window_starts,
      dispositions: policy.dispositions,
      store_credit: policy.store_credit,
    },
    lines: lines.map((line) => ({
      ...line,
      sku: info.get(line.line_item_id)?.sku ?? null,
      unit_refund: roundToCurrency(info.get(line.line_item_id)?.unit_refund ?? 0, order.currency_code),
    })),
    ...(preview ? { refund_preview: preview } : {}),
  })
}
