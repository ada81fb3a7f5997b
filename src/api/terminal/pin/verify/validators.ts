import { z } from "@medusajs/framework/zod"
import { MANAGER_ACTIONS } from "../../../../modules/pos/utils/manager-actions"
import { idParam } from "../../../utils/validators"

export const TerminalVerifyPin = z
  .object({
    store_id: idParam("store_id"),
    pin: z.string().regex(/^\d{4,8}$/, "pin is 4 to 8 digits"),
    action: z.enum(MANAGER_ACTIONS),
  })
  .strict()
export type TerminalVerifyPinType = z.infer<typeof TerminalVerifyPin>
