import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  deleteFulfillmentSetsWorkflow,
  deleteSalesChannelsWorkflow,
  deleteShippingOptionsWorkflow,
  deleteStockLocationsWorkflow,
  emitEventStep,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { deletePosStoreStep } from "./steps/delete-pos-store"
import { throwIfStoreHasOrdersStep } from "./steps/throw-if-store-has-orders"
import { pickupShippingOptionIds, STORE_LINK_FIELDS } from "./utils/store-links"

export const deleteStoreWorkflowId = "delete-pos-store"

/**
 * Deletes a store that never sold or fulfilled anything (a store created by
 * mistake), with the core records its creation made. Any other store is refused.
 */
export const deleteStoreWorkflow = createWorkflow(deleteStoreWorkflowId, (input: { id: string }) => {
  const { data: stores } = useQueryGraphStep({
    entity: "pos_store",
    fields: STORE_LINK_FIELDS,
    filters: { id: input.id },
    options: { throwIfKeyNotFound: true },
  })
  const links = transform({ stores }, ({ stores }) => ({
    store_id: stores[0].id as string,
    location_id: stores[0].stock_location?.id as string | undefined,
    sales_channel_id: stores[0].sales_channel?.id as string | undefined,
    pickup_option_ids: pickupShippingOptionIds(stores[0] as any),
  }))

  throwIfStoreHasOrdersStep(links)

  deletePosStoreStep(input.id)
  deleteShippingOptionsWorkflow.runAsStep({
    input: transform({ links }, ({ links }) => ({ ids: links.pickup_option_ids })),
  })
  deleteSalesChannelsWorkflow.runAsStep({
    input: transform({ links }, ({ links }) => ({ ids: links.sales_channel_id ? [links.sales_channel_id] : [] })),
  })
  deleteFulfillmentSetsWorkflow.runAsStep({
    input: transform({ stores }, ({ stores }) => ({
      ids: ((stores[0] as any).stock_location?.fulfillment_sets ?? [])
        .filter((set: any) => set?.type === "pickup")
        .map((set: any) => set.id),
    })),
  })
  deleteStockLocationsWorkflow.runAsStep({
    input: transform({ links }, ({ links }) => ({ ids: links.location_id ? [links.location_id] : [] })),
  })

  emitEventStep({ eventName: "pos.store.deleted", data: { id: input.id } })
  return new WorkflowResponse({ id: input.id, deleted: true })
})
