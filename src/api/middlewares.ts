import { defineMiddlewares } from "@medusajs/framework/http"
import { adminPosMiddlewares } from "./admin/pos/middlewares"
import { staffAuthMiddlewares } from "./auth/middlewares"
import { storeMiddlewares } from "./store/middlewares"
import { terminalMiddlewares } from "./terminal/middlewares"

/** Stripe signs the exact bytes it sent: the webhook needs the raw body. */
const hookMiddlewares = [
  { method: ["POST" as const], matcher: "/hooks/stripe-terminal", bodyParser: { preserveRawBody: true } },
]

export default defineMiddlewares({
  routes: [...adminPosMiddlewares, ...staffAuthMiddlewares, ...terminalMiddlewares, ...storeMiddlewares, ...hookMiddlewares],
})
