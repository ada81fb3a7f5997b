import { z } from "@medusajs/framework/zod"
import { HARD_LIMITS } from "../../../modules/pos/options"

const money = (field: string) =>
  z
    .number({ error: `${field} is a number` })
    .finite()
    .min(-HARD_LIMITS.max_cash_movement, `${field} is at least -${HARD_LIMITS.max_cash_movement}`)
    .max(HARD_LIMITS.max_cash_movement, `${field} is at most ${HARD_LIMITS.max_cash_movement}`)
    .refine((value) => Math.abs(value * 10000 - Math.round(value * 10000)) < 1e-6, `${field} has at most 4 decimals`)

export const TerminalOpenShift = z
  .object({
    register_id: z.string().min(1, "register_id must not be empty").max(100, "register_id has at most 100 characters"),
    opening_float: money("opening_float").refine((v) => v >= 0, "opening_float is not negative"),
  })
  .strict()
export type TerminalOpenShiftType = z.infer<typeof TerminalOpenShift>

export const TerminalCashMovement = z
  .object({
    amount: money("amount").refine((v) => v !== 0, "amount is positive (cash in) or negative (cash out), not 0"),
    reason: z.string().trim().min(1, "reason must not be empty").max(500),
    approval_id: z.string().max(100, "approval_id has at most 100 characters").optional(),
  })
  .strict()
export type TerminalCashMovementType = z.infer<typeof TerminalCashMovement>

export const TerminalCloseShift = z
  .object({
    counted_cash: money("counted_cash").refine((v) => v >= 0, "counted_cash is not negative"),
    approval_id: z.string().max(100, "approval_id has at most 100 characters").optional(),
  })
  .strict()
export type TerminalCloseShiftType = z.infer<typeof TerminalCloseShift>

export const TerminalListShiftsParams = z.object({
  status: z.enum(["open", "closed"]).optional(),
  register_id: z.string().max(100, "register_id has at most 100 characters").optional(),
})
export type TerminalListShiftsParamsType = z.infer<typeof TerminalListShiftsParams>
