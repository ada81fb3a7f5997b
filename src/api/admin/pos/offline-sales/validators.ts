import { z } from "@medusajs/framework/zod"
import { boundedText } from "../../../utils/validators"

export const AdminResolveOfflineSale = z
  .object({ note: boundedText("note", 1000).trim().min(1, "note says what was done about the sale") })
  .strict()
export type AdminResolveOfflineSaleType = z.infer<typeof AdminResolveOfflineSale>
