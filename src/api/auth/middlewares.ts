import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * Store staff do not sign themselves up: Medusa's open registration route would
 * let anyone create a `staff` identity for an email an admin may later use.
 */
export const staffAuthMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/auth/staff/:auth_provider/register",
    middlewares: [
      (_req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) =>
        next(
          new MedusaError(
            MedusaError.Types.NOT_ALLOWED,
            "Store staff accounts are created by an admin (POST /admin/pos/staff), not by registration"
          )
        ),
    ],
  },
]
