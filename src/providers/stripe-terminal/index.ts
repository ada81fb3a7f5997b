import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import StripeTerminalProviderService from "./service"

export default ModuleProvider(Modules.PAYMENT, {
  services: [StripeTerminalProviderService],
})
