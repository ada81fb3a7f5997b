import { MedusaService } from "@medusajs/framework/utils"
import { PosStore } from "./models/store"

class PosModuleService extends MedusaService({
  PosStore,
}) {}

export default PosModuleService
