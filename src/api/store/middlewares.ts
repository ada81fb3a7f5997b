import { authenticate, validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { StoreConsentChanges, StoreProductView } from "../customers/validators"
import { StorePickupArrival, StorePickupLocationsParams } from "../terminal/tasks/validators"

/** Storefront additions: Medusa already requires the publishable key on /store routes. */
export const storeMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/store/pickup-locations",
    middlewares: [validateAndTransformQuery(StorePickupLocationsParams, {})],
  },
  {
    method: ["POST"],
    matcher: "/store/orders/:id/pickup-arrival",
    middlewares: [validateAndTransformBody(StorePickupArrival)],
  },
  {
    method: ["GET"],
    matcher: "/store/orders/:id/pickup",
    // the signed-in customer only: the answer holds the pickup code
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    // the signed-in customer's consents and product views (docs/customers.md)
    matcher: "/store/customers/me/pos-consents",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    method: ["POST"],
    matcher: "/store/customers/me/pos-consents",
    middlewares: [validateAndTransformBody(StoreConsentChanges)],
  },
  {
    method: ["POST"],
    matcher: "/store/customers/me/product-views",
    middlewares: [authenticate("customer", ["session", "bearer"]), validateAndTransformBody(StoreProductView)],
  },
]
