import { z } from "@medusajs/framework/zod"
import { StoreTaskStatus } from "../../../../../modules/pos/models/store-task"

const STATUSES = Object.values(StoreTaskStatus) as string[]
const statusMessage = `status is one or more of ${STATUSES.join(", ")}, separated by commas`

/** `?status=ready,open` or `?status=ready&status=open`: task statuses only. */
export const TerminalListStoreTasksParams = z
  .object({
    status: z
      .union([z.string(), z.array(z.string()).max(STATUSES.length, statusMessage)], { error: statusMessage })
      .transform((value) => (Array.isArray(value) ? value : value.split(",")).map((s) => s.trim()).filter(Boolean))
      .refine((value) => value.every((s) => STATUSES.includes(s)), statusMessage)
      .optional(),
  })
  .strict()
export type TerminalListStoreTasksParamsType = z.infer<typeof TerminalListStoreTasksParams>
