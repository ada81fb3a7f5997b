import { z } from "@medusajs/framework/zod"
import { idParam } from "../../../utils/validators"

export const TerminalSwitchStaff = z
  .object({
    store_id: idParam("store_id"),
    pin: z.string().regex(/^\d{4,8}$/, "pin is 4 to 8 digits"),
  })
  .strict()
export type TerminalSwitchStaffType = z.infer<typeof TerminalSwitchStaff>
