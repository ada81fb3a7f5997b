import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep, updateSalesChannelsWorkflow, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { withDefaultCapabilities } from "../../modules/pos/utils/capabilities"
import { StoreStatus } from "../../modules/pos/models/store"
import { setPickupOptionEnabledStep } from "./steps/set-pickup-option-enabled"
import { updatePosStoreStep } from "./steps/update-pos-store"
import { pickupShippingOptionIds, STORE_LINK_FIELDS } from "./utils/store-links"

export const setStoreStatusWorkflowId = "set-pos-store-status"

/**
 * Disables a store (or enables it again) without deleting anything: its POS
 * sales channel is disabled, so no new sale starts there; its pickup option is
 * hidden from checkout; routing and the store-terminal API read the status.
 * Orders, stock and history stay as they are.
 */
export const setStoreStatusWorkflow = createWorkflow(
  setStoreStatusWorkflowId,
  (input: { id: string; status: StoreStatus }) => {
    const { data: stores } = useQueryGraphStep({
      entity: "pos_store",
      fields: STORE_LINK_FIELDS,
      filters: { id: input.id },
      options: { throwIfKeyNotFound: true },
    })

    const store = updatePosStoreStep({ id: input.id, status: input.status })

    const active = transform({ input }, ({ input }) => input.status === StoreStatus.ACTIVE)
    updateSalesChannelsWorkflow.runAsStep({
      input: transform({ stores, active }, ({ stores, active }) => ({
        selector: { id: stores[0].sales_channel?.id as string },
        update: { is_disabled: !active },
      })),
    })
    setPickupOptionEnabledStep(
      transform({ stores, active }, ({ stores, active }) => ({
        shipping_option_ids: pickupShippingOptionIds(stores[0] as any),
        // offered at checkout while the store is active and its pickup switch is on; the counter
        // adds the option to its carts itself, so a closed door here never stops a till sale
        enabled: active && withDefaultCapabilities(stores[0].capabilities as any).pickup,
      }))
    )

    emitEventStep({
      eventName: transform({ active }, ({ active }) => (active ? "pos.store.enabled" : "pos.store.disabled")),
      data: { id: input.id },
    })

    return new WorkflowResponse(store)
  }
)
