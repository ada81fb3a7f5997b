import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { StorePickupArrivalType } from "../../../../terminal/tasks/validators"
import { checkInPickupWorkflow } from "../../../../../workflows/store-tasks/check-in-pickup"

/** Curbside check-in: with the order's pickup code (and a note such as the parking spot), the store sees the customer first. */
export const POST = async (req: MedusaRequest<StorePickupArrivalType>, res: MedusaResponse) => {
  const { result } = await checkInPickupWorkflow(req.scope).run({ input: { ...req.validatedBody, order_id: req.params.id } })
  const { task, store } = result
  res.json({ arrival: { order_id: task.order_id, store: store.name, arrived_at: task.arrived_at, note: task.arrival_note } })
}
