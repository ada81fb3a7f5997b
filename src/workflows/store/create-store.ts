import type { OpeningHours } from "../../modules/pos/utils/capabilities"
import type { LinkDefinition } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import {
  createHook,
  createWorkflow,
  transform,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  createRemoteLinkStep,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createStockLocationsWorkflow,
  emitEventStep,
  linkSalesChannelsToStockLocationWorkflow,
  useQueryGraphStep,
} from "@medusajs/medusa/core-flows"
import { POS_MODULE } from "../../modules/pos"
import { withDefaultCapabilities, type StoreCapabilities } from "../../modules/pos/utils/capabilities"
import { createPickupFulfillmentSetStep } from "./steps/create-pickup-fulfillment-set"
import { createPosStoreStep } from "./steps/create-pos-store"
import { validateSalesChannelsStep } from "./steps/validate-sales-channels"
import { validateStoreCodeStep } from "./steps/validate-store-code"

export const createStoreWorkflowId = "create-pos-store"

/** The fulfillment provider of pickup options: Medusa's manual provider, registered by default. */
export const PICKUP_FULFILLMENT_PROVIDER_ID = "manual_manual"

export type StoreAddressInput = {
  address_1: string
  address_2?: string | null
  city: string
  province?: string | null
  postal_code: string
  country_code: string
  phone?: string | null
}

export type CreateStoreWorkflowInput = {
  name: string
  code: string
  address: StoreAddressInput
  latitude: number
  longitude: number
  timezone?: string
  /** the counter's currency; default: the Medusa store's default currency */
  currency_code?: string
  opening_hours?: OpeningHours | null
  capabilities?: Partial<StoreCapabilities>
  ship_from_store_capacity?: number
  pickup_hold_hours?: number
  stripe_location_id?: string | null
  /** Online channels whose carts may be picked up here; default: the Medusa store's default channel. */
  online_sales_channel_ids?: string[]
  metadata?: Record<string, unknown> | null
}

/** The address as both the stock location and the store record keep it. */
export function normalizeStoreAddress(address: StoreAddressInput) {
  return {
    address_1: address.address_1,
    address_2: address.address_2 ?? null,
    city: address.city,
    province: address.province ?? null,
    postal_code: address.postal_code,
    country_code: address.country_code.toLowerCase(),
    phone: address.phone ?? null,
  }
}

export type CreateStoreWorkflowOutput = {
  store_id: string
  stock_location_id: string
  sales_channel_id: string
  fulfillment_set_id: string
  pickup_shipping_option_id: string
}

/**
 * Creates a shop with everything it needs in Medusa core: its stock location,
 * its POS sales channel and the link between them, a `pickup` fulfillment set
 * with a service zone and a free "Pick up at <store>" shipping option, the link
 * of the online channels to the location (so online carts can be picked up
 * there), and the store record linked to the location and the channel.
 * Every step compensates: when a later one fails, nothing half-created remains.
 */
export const createStoreWorkflow = createWorkflow(
  createStoreWorkflowId,
  (input: CreateStoreWorkflowInput) => {
    validateStoreCodeStep({ code: input.code })
    validateSalesChannelsStep({ ids: input.online_sales_channel_ids })

    const { data: medusaStores } = useQueryGraphStep({
      entity: "store",
      fields: [
        "id",
        "default_sales_channel_id",
        "supported_currencies.currency_code",
        "supported_currencies.is_default",
      ],
    }).config({ name: "get-medusa-store" })

    const { data: shippingProfiles } = useQueryGraphStep({
      entity: "shipping_profile",
      fields: ["id"],
      filters: { type: "default" },
    }).config({ name: "get-default-shipping-profile" })

    const locationInput = transform({ input }, ({ input }) => ({
      locations: [
        {
          name: input.name,
          address: normalizeStoreAddress(input.address),
          metadata: { pos_store_code: input.code },
        },
      ],
    }))
    const locations = createStockLocationsWorkflow.runAsStep({ input: locationInput })

    const channelInput = transform({ input }, ({ input }) => ({
      salesChannelsData: [
        {
          name: `${input.name} (POS)`,
          description: `Sales at the counter of ${input.name} (${input.code})`,
          metadata: { pos_store_code: input.code },
        },
      ],
    }))
    const channels = createSalesChannelsWorkflow.runAsStep({ input: channelInput })

    const ids = transform({ locations, channels, medusaStores, input }, (data) => ({
      location_id: data.locations[0].id,
      sales_channel_id: data.channels[0].id,
      online_sales_channel_ids:
        data.input.online_sales_channel_ids ??
        [data.medusaStores[0]?.default_sales_channel_id].filter((id): id is string => !!id),
    }))

    linkSalesChannelsToStockLocationWorkflow.runAsStep({
      input: transform({ ids }, ({ ids }) => ({
        id: ids.location_id,
        add: [ids.sales_channel_id, ...ids.online_sales_channel_ids],
      })),
    })

    createRemoteLinkStep(
      transform({ ids }, ({ ids }): LinkDefinition[] => [
        {
          [Modules.STOCK_LOCATION]: { stock_location_id: ids.location_id },
          [Modules.FULFILLMENT]: { fulfillment_provider_id: PICKUP_FULFILLMENT_PROVIDER_ID },
        },
      ])
    ).config({ name: "link-location-fulfillment-provider" })

    const pickupSet = createPickupFulfillmentSetStep({
      name: input.name,
      country_code: input.address.country_code,
    })

    createRemoteLinkStep(
      transform({ ids, pickupSet }, ({ ids, pickupSet }): LinkDefinition[] => [
        {
          [Modules.STOCK_LOCATION]: { stock_location_id: ids.location_id },
          [Modules.FULFILLMENT]: { fulfillment_set_id: pickupSet.id },
        },
      ])
    ).config({ name: "link-location-pickup-set" })

    const pickupOptionInput = transform(
      { input, pickupSet, medusaStores, shippingProfiles },
      ({ input, pickupSet, medusaStores, shippingProfiles }) => [
        {
          name: `Pick up at ${input.name}`,
          price_type: "flat" as const,
          provider_id: PICKUP_FULFILLMENT_PROVIDER_ID,
          service_zone_id: pickupSet.service_zone_id,
          shipping_profile_id: shippingProfiles[0]?.id,
          type: {
            label: "Pick up in store",
            description: [input.address.address_1, input.address.city].join(", "),
            code: "pickup",
          },
          data: { pos_store_code: input.code },
          prices: (medusaStores[0]?.supported_currencies ?? []).map((currency: any) => ({
            currency_code: currency.currency_code,
            amount: 0,
          })),
          rules: [
            // offered at checkout only while the store's pickup switch is on (the counter adds it itself)
            { attribute: "enabled_in_store", value: String(withDefaultCapabilities(null, input.capabilities ?? {}).pickup), operator: "eq" as const },
            { attribute: "is_return", value: "false", operator: "eq" as const },
          ],
        },
      ]
    )
    const pickupOptions = createShippingOptionsWorkflow.runAsStep({ input: pickupOptionInput })

    const storeData = transform({ input, medusaStores }, ({ input, medusaStores }) => ({
      name: input.name,
      code: input.code,
      ...normalizeStoreAddress(input.address),
      latitude: input.latitude,
      longitude: input.longitude,
      timezone: input.timezone ?? "UTC",
      currency_code: (
        input.currency_code ??
        medusaStores[0]?.supported_currencies?.find((c: any) => c?.is_default)?.currency_code ??
        "usd"
      ).toLowerCase(),
      opening_hours: input.opening_hours ?? null,
      capabilities: withDefaultCapabilities(input.capabilities),
      ship_from_store_capacity: input.ship_from_store_capacity,
      pickup_hold_hours: input.pickup_hold_hours,
      stripe_location_id: input.stripe_location_id,
      metadata: input.metadata ?? null,
    }))
    const store = createPosStoreStep(storeData)

    createRemoteLinkStep(
      transform({ store, ids }, ({ store, ids }): LinkDefinition[] => [
        {
          [POS_MODULE]: { pos_store_id: store.id },
          [Modules.STOCK_LOCATION]: { stock_location_id: ids.location_id },
        },
        {
          [POS_MODULE]: { pos_store_id: store.id },
          [Modules.SALES_CHANNEL]: { sales_channel_id: ids.sales_channel_id },
        },
      ])
    ).config({ name: "link-store-location-and-channel" })

    const result = transform({ store, ids, pickupSet, pickupOptions }, (data) => ({
      store_id: data.store.id,
      stock_location_id: data.ids.location_id,
      sales_channel_id: data.ids.sales_channel_id,
      fulfillment_set_id: data.pickupSet.id,
      pickup_shipping_option_id: data.pickupOptions[0].id,
    }))

    // Lets an app add its own records for the new store; a handler that throws
    // undoes the whole creation.
    const storeCreated = createHook("storeCreated", { store_id: store.id, ids: result })

    emitEventStep({ eventName: "pos.store.created", data: { id: store.id } })

    return new WorkflowResponse(result, { hooks: [storeCreated] })
  }
)
