import { defineMiddlewares, type MiddlewareRoute } from "@medusajs/framework/http"
import { adminPosMiddlewares } from "./admin/pos/middlewares"
import { posPageMiddlewares } from "./pos/middlewares"
import { staffAuthMiddlewares } from "./auth/middlewares"
import { storeMiddlewares } from "./store/middlewares"
import { terminalMiddlewares } from "./terminal/middlewares"
import { answerWithoutStorageFields } from "./utils/client-answer"
import { posErrorHandler } from "./utils/error-handler"
import { PLUGIN_ROUTE_MATCHERS, refuseUnsafeInput } from "./utils/unsafe-input"

/** Stripe signs the exact bytes it sent: the webhook needs the raw body. */
const hookMiddlewares = [
  { method: ["POST" as const], matcher: "/hooks/stripe-terminal", bodyParser: { preserveRawBody: true } },
]

/**
 * Every route of the plugin, first: control characters, oversized strings and
 * lists, and bodies that are not JSON are refused before any other middleware
 * (store membership and record checks query with the path's ids), and every
 * JSON answer leaves storage fields out. Without a
 * method, Medusa mounts these with `use` ahead of the method-bound ones, after
 * its body parsers.
 */
const inputMiddlewares: MiddlewareRoute[] = PLUGIN_ROUTE_MATCHERS.map((matcher) => ({
  matcher,
  middlewares: [refuseUnsafeInput, answerWithoutStorageFields],
}))

export default defineMiddlewares({
  routes: [
    ...inputMiddlewares,
    ...adminPosMiddlewares,
    ...staffAuthMiddlewares,
    ...terminalMiddlewares,
    ...storeMiddlewares,
    ...hookMiddlewares,
    ...posPageMiddlewares,
  ],
  errorHandler: posErrorHandler,
})
