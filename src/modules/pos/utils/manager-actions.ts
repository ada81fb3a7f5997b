/**
 * Actions only a manager may take at a store, or an associate with a manager's
 * PIN approval for that very action (POST /terminal/pin/verify).
 */
export const MANAGER_ACTIONS = [
  "shift.close_with_variance",
  "shift.cash_out",
  "sale.void_completed",
  "sale.void_tendered",
  "return.override_rule",
  "order.refund",
  "count.approve_variance",
] as const

export type ManagerAction = (typeof MANAGER_ACTIONS)[number]

export const MANAGER_ACTION_LABELS: Record<ManagerAction, string> = {
  "shift.close_with_variance": "Closing a shift with a cash variance",
  "shift.cash_out": "Taking cash out of the drawer",
  "sale.void_completed": "Voiding a completed sale",
  "sale.void_tendered": "Voiding a sale after money was taken",
  "return.override_rule": "Overriding a return rule",
  "order.refund": "Refunding money to a customer",
  "count.approve_variance": "Applying a stock count above the variance threshold",
}

/** How long a PIN approval stays usable. */
export const APPROVAL_TTL_SECONDS = 300
