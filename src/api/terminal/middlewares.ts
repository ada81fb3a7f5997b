import {
  authenticate,
  validateAndTransformBody,
  validateAndTransformQuery,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import { TerminalSwitchStaff } from "./pin/switch/validators"
import { TerminalVerifyPin } from "./pin/verify/validators"
import { TerminalAvailabilityParams, TerminalLookupParams } from "./stores/[store_id]/lookup/validators"
import { TerminalCatalogParams } from "./stores/[store_id]/catalog/validators"
import { TerminalListStoreTasksParams } from "./stores/[store_id]/tasks/validators"
import { TerminalSyncOfflineSales } from "./stores/[store_id]/sync/validators"
import { requireOrderAccess } from "./orders/access"
import { TerminalEmailReceipt } from "./orders/[id]/receipt/email/validators"
import { TerminalRefundOrder } from "./orders/validators"
import { requireReturnAccess } from "./returns/helpers"
import {
  TerminalExchange,
  TerminalListReturnsParams,
  TerminalReleaseReturn,
  TerminalReturnEligibility,
  TerminalSearchOrdersParams,
  TerminalTakeReturn,
} from "./returns/validators"
import { requireSaleAccess } from "./sales/helpers"
import { requireTaskAccess } from "./tasks/helpers"
import { requireCountAccess } from "./counts/helpers"
import { TerminalCreateCount, TerminalListCategoriesParams, TerminalListCountsParams, TerminalSubmitCount } from "./counts/validators"
import { TerminalCollectPickup, TerminalPickTask, TerminalReceiveTransfer, TerminalShipTask } from "./tasks/validators"
import {
  TerminalAddSaleLine,
  TerminalAddTender,
  TerminalCreateSale,
  TerminalReceiptParams,
  TerminalSaleCustomer,
  TerminalSalePromotion,
  TerminalUpdateSaleLine,
  TerminalSimulateTender,
  TerminalVoidSale,
} from "./sales/validators"
import { requireShiftAccess } from "./shifts/helpers"
import {
  TerminalCashMovement,
  TerminalCloseShift,
  TerminalListShiftsParams,
  TerminalOpenShift,
} from "./shifts/validators"
import { requireActiveStaff, requireStoreMembership } from "./utils/staff-access"
import { TerminalConsentChanges, TerminalCustomerNote } from "../customers/validators"

/**
 * Everything under /terminal takes a bearer token of actor type `staff` (an
 * admin user's or a customer's token is refused), from an active staff member;
 * every /terminal/stores/:store_id route also takes membership of that store.
 *
 * A middleware without a method is mounted with Express's `use`, so its matcher
 * also covers every path below it (`/terminal/sales/:id` covers
 * `/terminal/sales/:id/lines`): each record check is listed once.
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
    method: ["POST"],
    matcher: "/terminal/stores/:store_id/customers/:customer_id/consents",
    middlewares: [validateAndTransformBody(TerminalConsentChanges)],
  },
  {
    method: ["POST"],
    matcher: "/terminal/stores/:store_id/customers/:customer_id/notes",
    middlewares: [validateAndTransformBody(TerminalCustomerNote)],
  },
  {
    method: ["POST"],
    matcher: "/terminal/pin/verify",
    middlewares: [validateAndTransformBody(TerminalVerifyPin)],
  },
  {
    method: ["POST"],
    matcher: "/terminal/pin/switch",
    middlewares: [validateAndTransformBody(TerminalSwitchStaff)],
  },
  {
    method: ["GET"],
    matcher: "/terminal/stores/:store_id/lookup",
    middlewares: [validateAndTransformQuery(TerminalLookupParams, {})],
  },
  {
    method: ["GET"],
    matcher: "/terminal/stores/:store_id/catalog",
    middlewares: [validateAndTransformQuery(TerminalCatalogParams, {})],
  },
  {
    method: ["GET"],
    matcher: "/terminal/stores/:store_id/availability",
    middlewares: [validateAndTransformQuery(TerminalAvailabilityParams, {})],
  },
  {
    method: ["GET"],
    matcher: "/terminal/stores/:store_id/shifts",
    middlewares: [validateAndTransformQuery(TerminalListShiftsParams, {})],
  },
  {
    method: ["POST"],
    matcher: "/terminal/stores/:store_id/shifts",
    middlewares: [validateAndTransformBody(TerminalOpenShift)],
  },
  {
    matcher: "/terminal/shifts/:id",
    middlewares: [requireShiftAccess as any],
  },
  {
    method: ["POST"],
    matcher: "/terminal/shifts/:id/cash-movements",
    middlewares: [validateAndTransformBody(TerminalCashMovement)],
  },
  {
    method: ["POST"],
    matcher: "/terminal/shifts/:id/close",
    middlewares: [validateAndTransformBody(TerminalCloseShift)],
  },
  {
    method: ["POST"],
    matcher: "/terminal/stores/:store_id/sales",
    middlewares: [validateAndTransformBody(TerminalCreateSale)],
  },
  {
    matcher: "/terminal/sales/:id",
    middlewares: [requireSaleAccess as any],
  },
  {
    method: ["POST"],
    matcher: "/terminal/sales/:id/lines",
    middlewares: [validateAndTransformBody(TerminalAddSaleLine)],
  },
  {
    method: ["PATCH"],
    matcher: "/terminal/sales/:id/lines/:line_id",
    middlewares: [validateAndTransformBody(TerminalUpdateSaleLine)],
  },
  {
    method: ["POST"],
    matcher: "/terminal/sales/:id/tenders",
    middlewares: [validateAndTransformBody(TerminalAddTender)],
  },
  {
    matcher: "/terminal/orders/:id/refunds",
    middlewares: [requireOrderAccess as any],
  },
  {
    method: ["POST"],
    matcher: "/terminal/orders/:id/refunds",
    middlewares: [validateAndTransformBody(TerminalRefundOrder)],
  },
  {
    method: ["GET"],
    matcher: "/terminal/orders/:id/receipt",
    middlewares: [requireOrderAccess as any, validateAndTransformQuery(TerminalReceiptParams, {})],
  },
  {
    method: ["POST"],
    matcher: "/terminal/orders/:id/receipt/email",
    middlewares: [requireOrderAccess as any, validateAndTransformBody(TerminalEmailReceipt)],
  },
  {
    method: ["POST"],
    matcher: "/terminal/sales/:id/customer",
    middlewares: [validateAndTransformBody(TerminalSaleCustomer)],
  },
  {
    method: ["POST"],
    matcher: "/terminal/sales/:id/promotions",
    middlewares: [validateAndTransformBody(TerminalSalePromotion)],
  },
  {
    method: ["POST"],
    matcher: "/terminal/sales/:id/void",
    middlewares: [validateAndTransformBody(TerminalVoidSale)],
  },
  {
    method: ["POST"],
    matcher: "/terminal/sales/:id/tenders/:tender_id/simulate",
    middlewares: [validateAndTransformBody(TerminalSimulateTender)],
  },
  {
    method: ["GET"],
    matcher: "/terminal/orders",
    middlewares: [validateAndTransformQuery(TerminalSearchOrdersParams, {})],
  },
  {
    method: ["POST"],
    matcher: "/terminal/orders/:id/return-eligibility",
    middlewares: [validateAndTransformBody(TerminalReturnEligibility)],
  },
  {
    method: ["GET"],
    matcher: "/terminal/stores/:store_id/returns",
    middlewares: [validateAndTransformQuery(TerminalListReturnsParams, {})],
  },
  {
    method: ["POST"],
    matcher: "/terminal/stores/:store_id/returns",
    middlewares: [validateAndTransformBody(TerminalTakeReturn)],
  },
  {
    method: ["GET"],
    matcher: "/terminal/stores/:store_id/tasks",
    middlewares: [validateAndTransformQuery(TerminalListStoreTasksParams, {})],
  },
  {
    matcher: "/terminal/tasks/:id",
    middlewares: [requireTaskAccess as any],
  },
  {
    method: ["POST"],
    matcher: "/terminal/tasks/:id/pick",
    middlewares: [validateAndTransformBody(TerminalPickTask)],
  },
  {
    method: ["POST"],
    matcher: "/terminal/tasks/:id/ship",
    middlewares: [validateAndTransformBody(TerminalShipTask)],
  },
  {
    method: ["POST"],
    matcher: "/terminal/tasks/:id/collect",
    middlewares: [validateAndTransformBody(TerminalCollectPickup)],
  },
  {
    method: ["POST"],
    matcher: "/terminal/tasks/:id/receive",
    middlewares: [validateAndTransformBody(TerminalReceiveTransfer)],
  },
  {
    method: ["GET"],
    matcher: "/terminal/stores/:store_id/categories",
    middlewares: [validateAndTransformQuery(TerminalListCategoriesParams, {})],
  },
  {
    method: ["GET"],
    matcher: "/terminal/stores/:store_id/counts",
    middlewares: [validateAndTransformQuery(TerminalListCountsParams, {})],
  },
  {
    method: ["POST"],
    matcher: "/terminal/stores/:store_id/counts",
    middlewares: [validateAndTransformBody(TerminalCreateCount)],
  },
  {
    matcher: "/terminal/counts/:id",
    middlewares: [requireCountAccess as any],
  },
  {
    method: ["POST"],
    matcher: "/terminal/counts/:id/submit",
    middlewares: [validateAndTransformBody(TerminalSubmitCount)],
  },
  {
    method: ["POST"],
    matcher: "/terminal/stores/:store_id/exchanges",
    middlewares: [validateAndTransformBody(TerminalExchange)],
  },
  {
    matcher: "/terminal/returns/:id",
    middlewares: [requireReturnAccess as any],
  },
  {
    method: ["POST"],
    matcher: "/terminal/returns/:id/release",
    middlewares: [validateAndTransformBody(TerminalReleaseReturn)],
  },
  {
    method: ["GET"],
    matcher: "/terminal/returns/:id/receipt",
    middlewares: [validateAndTransformQuery(TerminalReceiptParams, {})],
  },
  {
    method: ["POST"],
    matcher: "/terminal/stores/:store_id/sync",
    middlewares: [validateAndTransformBody(TerminalSyncOfflineSales)],
  },
]
