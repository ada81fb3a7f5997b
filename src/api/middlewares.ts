import { defineMiddlewares } from "@medusajs/framework/http"
import { adminPosMiddlewares } from "./admin/pos/middlewares"
import { staffAuthMiddlewares } from "./auth/middlewares"
import { terminalMiddlewares } from "./terminal/middlewares"

export default defineMiddlewares({
  routes: [...adminPosMiddlewares, ...staffAuthMiddlewares, ...terminalMiddlewares],
})
