import type { MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import type { TerminalRequest } from "../../../utils/staff-access"

/** Product categories by name, for counting a whole category (`POST …/counts {scope: {kind: "category"}}`). */
export const GET = async (req: TerminalRequest, res: MedusaResponse) => {
  const categories = await req.scope
    .resolve(Modules.PRODUCT)
    .listProductCategories({ is_active: true }, { select: ["id", "name", "handle"], order: { name: "ASC" }, take: 500 })
  res.json({ categories: categories.map((c: any) => ({ id: c.id, name: c.name, handle: c.handle })) })
}
