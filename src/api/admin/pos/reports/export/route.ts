import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { csvRow, flattenToRows } from "../../../../../lib/csv"
import { runScorecard } from "../helpers"
import type { AdminGetPosReportsParamsType } from "../validators"

/**
 * The scorecard as CSV, the same parameters and numbers as GET
 * /admin/pos/reports: one row per number, `metric,path,value`, after the
 * range's own rows (docs/reports.md).
 */
export const GET = async (req: AuthenticatedMedusaRequest<AdminGetPosReportsParamsType>, res: MedusaResponse) => {
  const report = await runScorecard(req)
  const { metrics, targets, ...range } = report
  const lines = [csvRow(["metric", "path", "value"])]
  for (const [key, value] of Object.entries(range)) {
    lines.push(csvRow(["report", key, value]))
  }
  for (const [key, value] of Object.entries(targets)) {
    lines.push(csvRow(["targets", key, value]))
  }
  for (const [metric, value] of Object.entries(metrics)) {
    for (const [path, cell] of flattenToRows(value)) {
      lines.push(csvRow([metric, path, cell]))
    }
  }
  const scope = report.store_id ?? "network"
  res.setHeader("content-type", "text/csv; charset=utf-8")
  res.setHeader("content-disposition", `attachment; filename="pos-scorecard-${scope}-${report.from}-${report.to}.csv"`)
  res.setHeader("access-control-expose-headers", "content-disposition")
  res.send(lines.join(""))
}
