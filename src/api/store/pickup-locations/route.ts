import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { distanceKm, type Point } from "../../../lib/geo"
import { POS_STORE_FIELDS } from "../../utils/store-fields"
import { availableAt, VARIANT_STOCK_FIELDS } from "../../../workflows/sale/utils/find-variants"
import { pickupShippingOptionIds } from "../../../workflows/store/utils/store-links"
import type { StorePickupLocationsParamsType } from "../../terminal/tasks/validators"

/**
 * Stores that can hand a cart's items over (or a set of variants, near a
 * point): active stores with pickup switched on, each with its stock of every
 * item, whether it has them all, its distance, and its pickup shipping option
 * (choosing it pins the order to that store). Stores with everything first,
 * then the nearest.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const params = req.validatedQuery as StorePickupLocationsParamsType
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  let wanted: { variant_id: string; quantity: number }[]
  let point: Point | null = params.lat != null && params.lng != null ? { latitude: params.lat, longitude: params.lng } : null
  if (params.cart_id) {
    const { data } = await query.graph({
      entity: "cart",
      fields: ["id", "items.*", "shipping_address.metadata"],
      filters: { id: params.cart_id },
    })
    const cart = data[0] as any
    if (!cart) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart ${params.cart_id} was not found`)
    }
    wanted = ((cart.items ?? []) as any[])
      .filter((i) => i?.variant_id)
      .map((i) => ({ variant_id: i.variant_id, quantity: MathBN.convert(i.quantity).toNumber() }))
    const meta = cart.shipping_address?.metadata
    point ??= meta?.latitude != null && meta?.longitude != null ? { latitude: Number(meta.latitude), longitude: Number(meta.longitude) } : null
  } else {
    const ids = Array.isArray(params.variant_ids) ? params.variant_ids : String(params.variant_ids).split(",")
    wanted = ids.filter(Boolean).map((variant_id) => ({ variant_id, quantity: 1 }))
  }
  if (!wanted.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Nothing to pick up: the cart has no items")
  }
  const [{ data: variants }, { data: stores }] = await Promise.all([
    query.graph({ entity: "product_variant", fields: VARIANT_STOCK_FIELDS, filters: { id: wanted.map((w) => w.variant_id) } }),
    query.graph({
      entity: "pos_store",
      fields: [
        ...POS_STORE_FIELDS,
        "stock_location.id",
        "stock_location.fulfillment_sets.type",
        "stock_location.fulfillment_sets.service_zones.shipping_options.id",
      ],
    }),
  ])
  const unknown = wanted.filter((w) => !(variants as any[]).some((v) => v.id === w.variant_id))
  if (unknown.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Variant ${unknown.map((u) => u.variant_id).join(", ")} was not found`)
  }
  const canHandOver = (variant: any, locationId: string) => {
    if (!variant.manage_inventory) {
      return Infinity
    }
    return Math.min(
      ...((variant.inventory_items ?? []) as any[]).map((link) => {
        const level = ((link.inventory?.location_levels ?? []) as any[]).find((l) => l.location_id === locationId)
        return Math.floor((level ? availableAt(level) : 0) / (MathBN.convert(link.required_quantity ?? 1).toNumber() || 1))
      })
    )
  }
  const locations = (stores as any[])
    .filter((s) => s.status === "active" && s.capabilities?.pickup !== false && s.stock_location?.id && pickupShippingOptionIds(s).length)
    .map((s) => {
      const items = wanted.map((w) => {
        const available = canHandOver((variants as any[]).find((v) => v.id === w.variant_id), s.stock_location.id)
        return { variant_id: w.variant_id, quantity: w.quantity, available: available === Infinity ? null : Math.max(0, available), in_stock: available >= w.quantity }
      })
      return {
        store_id: s.id,
        name: s.name,
        code: s.code,
        address: { address_1: s.address_1, city: s.city, province: s.province, postal_code: s.postal_code, country_code: s.country_code, phone: s.phone },
        latitude: s.latitude,
        longitude: s.longitude,
        opening_hours: s.opening_hours,
        distance_km:
          point && s.latitude != null && s.longitude != null ? Math.round(distanceKm(point, { latitude: s.latitude, longitude: s.longitude }) * 10) / 10 : null,
        shipping_option_id: pickupShippingOptionIds(s)[0],
        curbside: !!s.capabilities?.curbside,
        hold_hours: s.pickup_hold_hours,
        has_all_items: items.every((i) => i.in_stock),
        items,
      }
    })
    .sort((a, b) => Number(b.has_all_items) - Number(a.has_all_items) || (a.distance_km ?? Infinity) - (b.distance_km ?? Infinity))
  res.json({ pickup_locations: locations })
}
