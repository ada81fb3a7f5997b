import { defineMiddlewares } from "@medusajs/framework/http"
import { adminPosStoreRoutesMiddlewares } from "./admin/pos/stores/middlewares"

export default defineMiddlewares({
  routes: [...adminPosStoreRoutesMiddlewares],
})
