import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  emitEventStep,
  linkSalesChannelsToStockLocationWorkflow,
  updateSalesChannelsWorkflow,
  updateShippingOptionsWorkflow,
  updateStockLocationsWorkflow,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { withDefaultCapabilities } from "../../modules/pos/utils/capabilities"
import type { CreateStoreWorkflowInput, StoreAddressInput } from "./create-store"
import { StoreStatus } from "../../modules/pos/models/store"
import { setPickupOptionEnabledStep } from "./steps/set-pickup-option-enabled"
import { updatePosStoreStep } from "./steps/update-pos-store"
import { validateSalesChannelsStep } from "./steps/validate-sales-channels"
import { validateStoreCodeStep } from "./steps/validate-store-code"
import { pickupShippingOptionIds, STORE_LINK_FIELDS } from "./utils/store-links"

export const updateStoreWorkflowId = "update-pos-store"

export type UpdateStoreWorkflowInput = { id: string; address?: Partial<StoreAddressInput> } & Partial<
  Omit<CreateStoreWorkflowInput, "address">
>

/**
 * Updates a store and keeps Medusa's records in step: a new name renames the
 * stock location, the POS sales channel and the pickup option; a new address
 * moves the stock location. Capabilities merge into the current switches.
 * `online_sales_channel_ids` is the whole list of online channels the store
 * serves: its stock location is linked to those and unlinked from the others
 * (never from its own POS channel).
 */
export const updateStoreWorkflow = createWorkflow(updateStoreWorkflowId, (input: UpdateStoreWorkflowInput) => {
  const { data: stores } = useQueryGraphStep({
    entity: "pos_store",
    fields: STORE_LINK_FIELDS,
    filters: { id: input.id },
    options: { throwIfKeyNotFound: true },
  })

  when({ input }, ({ input }) => !!input.code).then(() => {
    validateStoreCodeStep({ code: input.code!, except_id: input.id })
  })
  when({ input }, ({ input }) => !!input.online_sales_channel_ids).then(() => {
    validateSalesChannelsStep({ ids: input.online_sales_channel_ids, store_id: input.id })
  })

  const update = transform({ input, stores }, ({ input, stores }) => {
    const { address, capabilities, online_sales_channel_ids, ...rest } = input
    return {
      ...rest,
      ...(address ?? {}),
      ...(address?.country_code ? { country_code: address.country_code.toLowerCase() } : {}),
      ...(capabilities ? { capabilities: withDefaultCapabilities(stores[0].capabilities as any, capabilities) } : {}),
    }
  })
  const store = updatePosStoreStep(update)

  const links = transform({ stores }, ({ stores }) => ({
    location_id: stores[0].stock_location?.id as string,
    sales_channel_id: stores[0].sales_channel?.id as string,
    pickup_option_ids: pickupShippingOptionIds(stores[0] as any),
  }))

  when({ input, links }, ({ input, links }) => !!(input.name || input.address) && !!links.location_id).then(() => {
    updateStockLocationsWorkflow.runAsStep({
      input: transform({ store, links }, ({ store, links }) => ({
        selector: { id: links.location_id },
        update: {
          name: store.name,
          address: {
            address_1: store.address_1 ?? "",
            address_2: store.address_2,
            city: store.city,
            province: store.province,
            postal_code: store.postal_code,
            country_code: store.country_code ?? "",
            phone: store.phone,
          },
        },
      })),
    })
  })

  when({ input, links }, ({ input, links }) => !!input.name && !!links.sales_channel_id).then(() => {
    updateSalesChannelsWorkflow.runAsStep({
      input: transform({ input, links }, ({ input, links }) => ({
        selector: { id: links.sales_channel_id },
        update: { name: `${input.name} (POS)` },
      })),
    })
  })

  when({ input, links }, ({ input, links }) => !!input.name && links.pickup_option_ids.length > 0).then(() => {
    updateShippingOptionsWorkflow.runAsStep({
      input: transform({ input, links }, ({ input, links }) =>
        links.pickup_option_ids.map((id) => ({ id, name: `Pick up at ${input.name}` }))
      ),
    })
  })

  // the pickup switch closes the door, not only the listing: the option leaves checkout with it
  when({ input, links }, ({ input, links }) => input.capabilities?.pickup !== undefined && links.pickup_option_ids.length > 0).then(() => {
    setPickupOptionEnabledStep(
      transform({ store, links }, ({ store, links }) => ({
        shipping_option_ids: links.pickup_option_ids,
        enabled: store.status === StoreStatus.ACTIVE && withDefaultCapabilities(store.capabilities as any).pickup,
      }))
    )
  })

  when({ input, links }, ({ input, links }) => !!input.online_sales_channel_ids && !!links.location_id).then(() => {
    linkSalesChannelsToStockLocationWorkflow.runAsStep({
      input: transform({ input, links, stores }, ({ input, links, stores }) => {
        const wanted = new Set(input.online_sales_channel_ids)
        const linked = ((stores[0].stock_location as any)?.sales_channels ?? []).map((c: { id: string }) => c.id) as string[]
        return {
          id: links.location_id,
          add: [...wanted].filter((id) => !linked.includes(id) && id !== links.sales_channel_id),
          remove: linked.filter((id) => !wanted.has(id) && id !== links.sales_channel_id),
        }
      }),
    })
  })

  emitEventStep({ eventName: "pos.store.updated", data: { id: input.id } })

  return new WorkflowResponse(store)
})
