import { asValue } from "@medusajs/framework/awilix"
import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import OrderedRedisLockingProvider, { type OrderedRedisLockingOptions } from "./service"

/** The locking module hands a provider's options to its loaders, not to its constructor. */
async function registerOptions({ container, options }: { container: any; options?: Record<string, unknown> }) {
  container.register({ posOrderedLockingOptions: asValue((options ?? {}) as OrderedRedisLockingOptions) })
}

export default ModuleProvider(Modules.LOCKING, {
  services: [OrderedRedisLockingProvider],
  loaders: [registerOptions],
})
