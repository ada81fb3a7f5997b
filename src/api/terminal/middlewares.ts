import {
  authenticate,
  validateAndTransformBody,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import { TerminalVerifyPin } from "./pin/verify/validators"
import { requireActiveStaff, requireStoreMembership } from "./utils/staff-access"

/**
 * Everything under /terminal takes a bearer token of actor type `staff` (an
 * admin user's or a customer's token is refused), from an active staff member;
 * every /terminal/stores/:store_id route also takes membership of that store.
 */
export const terminalMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/terminal*",
    middlewares: [authenticate("staff", ["bearer"]), requireActiveStaff as any],
  },
  {
    matcher: "/terminal/stores/:store_id",
    middlewares: [requireStoreMembership as any],
  },
  {
    matcher: "/terminal/stores/:store_id/*",
    middlewares: [requireStoreMembership as any],
  },
  {
    method: ["POST"],
    matcher: "/terminal/pin/verify",
    middlewares: [validateAndTransformBody(TerminalVerifyPin)],
  },
]
