import {
  validateAndTransformBody,
  validateAndTransformQuery,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import { createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { refuseSecretFields } from "../../utils/refuse-secret-fields"
import { AdminResolveOfflineSale } from "./offline-sales/validators"
import { AdminGetPosReadinessParams } from "./readiness/validators"
import { AdminGetPosReportsParams } from "./reports/validators"
import { AdminGetPosVariantCostsParams, AdminSetPosVariantCosts } from "./variant-costs/validators"
import { listAuditLogQueryConfig } from "./audit-log/query-config"
import { AdminGetPosAuditLogParams } from "./audit-log/validators"
import { AdminSaveRoutingRules, AdminSimulateRouting } from "./routing/validators"
import { listStaffQueryConfig, retrieveStaffQueryConfig } from "./staff/query-config"
import { AdminCreatePosStaff, AdminGetPosStaffParams, AdminUpdatePosStaff } from "./staff/validators"
import { listTransformQueryConfig, retrieveTransformQueryConfig } from "./stores/query-config"
import {
  AdminCreatePosRegister,
  AdminCreatePosStore,
  AdminGetPosStoresParams,
  AdminSetPosStoreMember,
  AdminUpdatePosRegister,
  AdminUpdatePosStore,
} from "./stores/validators"

/** /admin/pos/*: Medusa authenticates admin users on every /admin route before these run. */
export const adminPosMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/pos/routing/simulate",
    middlewares: [validateAndTransformBody(AdminSimulateRouting)],
  },
  {
    method: ["POST"],
    matcher: "/admin/pos/routing/rules",
    middlewares: [validateAndTransformBody(AdminSaveRoutingRules)],
  },
  {
    method: ["GET"],
    matcher: "/admin/pos/*",
    middlewares: [refuseSecretFields],
  },
  {
    method: ["GET"],
    matcher: "/admin/pos/stores",
    middlewares: [validateAndTransformQuery(AdminGetPosStoresParams, listTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/pos/stores",
    middlewares: [validateAndTransformBody(AdminCreatePosStore)],
  },
  {
    method: ["GET"],
    matcher: "/admin/pos/stores/:id",
    middlewares: [validateAndTransformQuery(createSelectParams(), retrieveTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/pos/stores/:id",
    middlewares: [validateAndTransformBody(AdminUpdatePosStore)],
  },
  {
    method: ["POST"],
    matcher: "/admin/pos/stores/:id/registers",
    middlewares: [validateAndTransformBody(AdminCreatePosRegister)],
  },
  {
    method: ["POST"],
    matcher: "/admin/pos/stores/:id/registers/:register_id",
    middlewares: [validateAndTransformBody(AdminUpdatePosRegister)],
  },
  {
    method: ["POST"],
    matcher: "/admin/pos/stores/:id/staff",
    middlewares: [validateAndTransformBody(AdminSetPosStoreMember)],
  },
  {
    method: ["GET"],
    matcher: "/admin/pos/staff",
    middlewares: [validateAndTransformQuery(AdminGetPosStaffParams, listStaffQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/pos/staff",
    middlewares: [validateAndTransformBody(AdminCreatePosStaff)],
  },
  {
    method: ["GET"],
    matcher: "/admin/pos/staff/:id",
    middlewares: [validateAndTransformQuery(createSelectParams(), retrieveStaffQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/pos/staff/:id",
    middlewares: [validateAndTransformBody(AdminUpdatePosStaff)],
  },
  {
    method: ["GET"],
    matcher: "/admin/pos/audit-log",
    middlewares: [validateAndTransformQuery(AdminGetPosAuditLogParams, listAuditLogQueryConfig)],
  },
  {
    method: ["GET"],
    matcher: "/admin/pos/audit-log/export",
    middlewares: [validateAndTransformQuery(AdminGetPosAuditLogParams, listAuditLogQueryConfig)],
  },
  {
    method: ["GET"],
    matcher: "/admin/pos/readiness",
    middlewares: [validateAndTransformQuery(AdminGetPosReadinessParams, {})],
  },
  {
    method: ["GET"],
    matcher: "/admin/pos/reports",
    middlewares: [validateAndTransformQuery(AdminGetPosReportsParams, {})],
  },
  {
    method: ["GET"],
    matcher: "/admin/pos/reports/export",
    middlewares: [validateAndTransformQuery(AdminGetPosReportsParams, {})],
  },
  {
    method: ["GET"],
    matcher: "/admin/pos/variant-costs",
    middlewares: [validateAndTransformQuery(AdminGetPosVariantCostsParams, {})],
  },
  {
    method: ["POST"],
    matcher: "/admin/pos/variant-costs",
    middlewares: [validateAndTransformBody(AdminSetPosVariantCosts)],
  },
  {
    method: ["POST"],
    matcher: "/admin/pos/offline-sales/:id/resolve",
    middlewares: [validateAndTransformBody(AdminResolveOfflineSale)],
  },
]
