import type { MedusaContainer } from "@medusajs/framework/types"
import { createStoreWorkflow, type CreateStoreWorkflowInput } from "../../src/workflows/store/create-store"
import { storeInput } from "./store-network"

export async function createStore(container: MedusaContainer, code: string, overrides: Partial<CreateStoreWorkflowInput> = {}) {
  const { result } = await createStoreWorkflow(container).run({ input: storeInput(code, overrides) })
  return result
}
