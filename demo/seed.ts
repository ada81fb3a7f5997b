/**
 * Seeds the demo retailer through Medusa's own workflows. Idempotent: every
 * section looks for what it would create (by name, handle or SKU) and creates
 * only what is missing, so it can run on every `npm start` and after a crash
 * half-way through.
 *
 * Run: `medusa exec ./demo/seed.ts [summary-file]`; the summary (admin login,
 * publishable key, counts) is written as JSON to the file when one is given.
 */
import fs from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkProductsToSalesChannelWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import {
  ADMIN_LOGIN,
  CATEGORIES,
  DEMO_SEED_VERSION,
  LOCATIONS,
  PRODUCTS,
  PUBLISHABLE_KEY_TITLE,
  REGIONS,
  SHOP_HOURS,
  STAFF,
  STAFF_PASSWORD,
  WEBSHOP,
  cadPrice,
  planStock,
  productHandle,
  staffEmail,
  variantsOf,
} from "./catalog"
import { ensureAdminUser } from "./admin-user"
import { POS_MODULE } from "../src/modules/pos"
import { StaffRole } from "../src/modules/pos/models/staff-membership"
import { SIMULATED_READER_ID } from "../src/modules/pos/utils/simulated-reader"
import type PosModuleService from "../src/modules/pos/service"
import { createStaffWorkflow } from "../src/workflows/staff/create-staff"
import { setStaffMembershipWorkflow } from "../src/workflows/staff/set-staff-membership"
import { createStoreWorkflow } from "../src/workflows/store/create-store"
import { setVariantCostsWorkflow } from "../src/workflows/variant-cost/set-variant-costs"
import { seedGiftCardProduct } from "./gift-cards"

export type DemoSummary = {
  seed_version: number
  admin: { email: string; password: string }
  publishable_key: string
  sales_channel_id: string
  region_ids: Record<string, string>
  stock_location_ids: Record<string, string>
  store_ids: Record<string, string>
  staff: { store: string; role: string; email: string; password: string; pin: string }[]
  products: number
  variants: number
  created: string[]
}

type Container = ExecArgs["container"]

export async function seedDemo(container: Container): Promise<DemoSummary> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const created: string[] = []

  // Sales channel and publishable key of the webshop.
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  let [webshop] = await salesChannelModule.listSalesChannels({ name: WEBSHOP.name })
  if (!webshop) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [WEBSHOP] },
    })
    webshop = result[0]
    created.push("sales channel")
  }

  const apiKeyModule = container.resolve(Modules.API_KEY)
  let [publishableKey] = await apiKeyModule.listApiKeys({ title: PUBLISHABLE_KEY_TITLE, type: "publishable" })
  if (!publishableKey) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: PUBLISHABLE_KEY_TITLE, type: "publishable", created_by: "" }] },
    })
    publishableKey = result[0]
    await linkSalesChannelsToApiKeyWorkflow(container).run({
      input: { id: publishableKey.id, add: [webshop.id] },
    })
    created.push("publishable key")
  }

  // The store: name, currencies, and the webshop as the default channel.
  const storeModule = container.resolve(Modules.STORE)
  const [store] = await storeModule.listStores({}, { relations: ["supported_currencies"] })
  if (store.name !== "Northwind Outfitters" || store.default_sales_channel_id !== webshop.id) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          name: "Northwind Outfitters",
          supported_currencies: REGIONS.map((region, index) => ({
            currency_code: region.currency_code,
            is_default: index === 0,
          })),
          default_sales_channel_id: webshop.id,
        },
      },
    })
    created.push("store settings")
  }

  // Regions with their taxes.
  const regionModule = container.resolve(Modules.REGION)
  const taxModule = container.resolve(Modules.TAX)
  const regionIds: Record<string, string> = {}
  for (const spec of REGIONS) {
    let [region] = await regionModule.listRegions({ name: spec.name })
    if (!region) {
      const { result } = await createRegionsWorkflow(container).run({
        input: {
          regions: [
            {
              name: spec.name,
              currency_code: spec.currency_code,
              countries: [...spec.countries],
              payment_providers: ["pp_system_default"],
              automatic_taxes: true,
            },
          ],
        },
      })
      region = result[0]
      created.push(`region ${spec.name}`)
    }
    regionIds[spec.currency_code] = region.id
    await enableCardProvider(container, region.id, created)

    const countryTaxRegions = await taxModule.listTaxRegions({ country_code: spec.tax.country_code })
    let countryTax = countryTaxRegions.find((taxRegion) => !taxRegion.province_code)
    if (!countryTax) {
      const { result } = await createTaxRegionsWorkflow(container).run({
        input: [
          {
            country_code: spec.tax.country_code,
            provider_id: "tp_system",
            default_tax_rate: { rate: spec.tax.rate, name: spec.tax.name, code: spec.tax.code },
          },
        ],
      })
      countryTax = result[0]
      created.push(`tax region ${spec.tax.country_code}`)
    }
    const provinceTax = countryTaxRegions.find(
      (taxRegion) => taxRegion.province_code === spec.provinceTax.province_code
    )
    if (!provinceTax) {
      await createTaxRegionsWorkflow(container).run({
        input: [
          {
            country_code: spec.tax.country_code,
            province_code: spec.provinceTax.province_code,
            parent_id: countryTax.id,
            default_tax_rate: {
              rate: spec.provinceTax.rate,
              name: spec.provinceTax.name,
              code: spec.provinceTax.code,
            },
          },
        ],
      })
      created.push(`tax region ${spec.provinceTax.province_code}`)
    }
  }

  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  let [shippingProfile] = await fulfillmentModule.listShippingProfiles({ type: "default" })
  if (!shippingProfile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    shippingProfile = result[0]
    created.push("shipping profile")
  }

  // The distribution centre is a plain stock location; the webshop ships from it.
  const stockLocationModule = container.resolve(Modules.STOCK_LOCATION)
  const locationIds: Record<string, string> = {}
  for (const spec of LOCATIONS.filter((l) => l.kind === "warehouse")) {
    let [location] = await stockLocationModule.listStockLocations({ name: spec.name })
    if (!location) {
      const { result } = await createStockLocationsWorkflow(container).run({
        input: {
          locations: [
            {
              name: spec.name,
              address: spec.address,
              metadata: { latitude: spec.latitude, longitude: spec.longitude, kind: spec.kind },
            },
          ],
        },
      })
      location = result[0]
      created.push(`stock location ${spec.name}`)
    }
    locationIds[spec.key] = location.id
  }

  // The shops are POS stores: each gets its stock location, POS channel and
  // pickup option from the store-network workflow, then registers and staff.
  const pos: PosModuleService = container.resolve(POS_MODULE)
  const storeIds: Record<string, string> = {}
  const posChannelIds: Record<string, string> = {}
  for (const spec of LOCATIONS.filter((l) => l.kind === "shop")) {
    const store = spec.store!
    let existing: { id: string } | undefined = (await pos.listPosStores({ code: store.code }, { select: ["id"] }))[0]
    if (!existing) {
      const { result } = await createStoreWorkflow(container).run({
        input: {
          name: spec.name,
          code: store.code,
          address: spec.address,
          latitude: spec.latitude,
          longitude: spec.longitude,
          timezone: "America/Chicago",
          currency_code: "usd",
          opening_hours: SHOP_HOURS,
          capabilities: store.capabilities,
          online_sales_channel_ids: [webshop.id],
        },
      })
      existing = { id: result.store_id }
      created.push(`store ${store.code}`)
    }
    storeIds[spec.key] = existing.id
    const { data: links } = await query.graph({
      entity: "pos_store",
      fields: ["stock_location.id", "sales_channel.id"],
      filters: { id: existing.id },
    })
    locationIds[spec.key] = (links[0] as any).stock_location.id
    posChannelIds[store.code] = (links[0] as any).sales_channel.id

    const registers = await pos.listPosRegisters({ store_id: existing.id }, { select: ["name"] })
    const missingRegisters = store.registers.filter((name) => !registers.some((r) => r.name === name))
    if (missingRegisters.length) {
      // The last till of each store takes cards on the simulated reader, when it is on (no Stripe key).
      const simulated = pos.settings.simulated_reader ? store.registers[store.registers.length - 1] : null
      await pos.createPosRegisters(
        missingRegisters.map((name) => ({
          store_id: existing.id,
          name,
          ...(name === simulated ? { stripe_reader_id: SIMULATED_READER_ID } : {}),
        }))
      )
      created.push(`${missingRegisters.length} registers at ${store.code}`)
    }
  }

  const staffLogins: DemoSummary["staff"] = []
  for (const member of STAFF) {
    const email = staffEmail(member)
    let [staff] = await pos.listPosStaffs({ email }, { select: ["id"] })
    if (!staff) {
      const { result } = await createStaffWorkflow(container).run({
        input: {
          email,
          password: STAFF_PASSWORD,
          first_name: member.first_name,
          last_name: member.last_name,
          actor_id: "demo-seed",
        },
      })
      staff = result
      created.push(`staff ${email}`)
    }
    const [membership] = await pos.listPosStaffMemberships(
      { staff_id: staff.id, store_id: storeIds[member.store] },
      { select: ["id"] }
    )
    if (!membership) {
      await setStaffMembershipWorkflow(container).run({
        input: {
          store_id: storeIds[member.store],
          staff_id: staff.id,
          role: member.role as StaffRole,
          pin: member.pin,
          actor_id: "demo-seed",
        },
      })
    }
    staffLogins.push({
      store: LOCATIONS.find((l) => l.key === member.store)!.name,
      role: member.role,
      email,
      password: STAFF_PASSWORD,
      pin: member.pin,
    })
  }

  const warehouseId = locationIds[LOCATIONS.find((l) => l.kind === "warehouse")!.key]

  const { data: warehouseLinks } = await query.graph({
    entity: "stock_location",
    fields: ["id", "sales_channels.id", "fulfillment_providers.id"],
    filters: { id: warehouseId },
  })
  const warehouse = warehouseLinks[0]
  const linkedIds = (linked?: ({ id: string } | null)[]) => (linked ?? []).map((entry) => entry?.id)
  if (!linkedIds(warehouse.sales_channels).includes(webshop.id)) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({
      input: { id: warehouseId, add: [webshop.id] },
    })
    created.push("webshop ↔ distribution centre")
  }

  // Shipping from the distribution centre.
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  if (!linkedIds(warehouse.fulfillment_providers).includes("manual_manual")) {
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: warehouseId },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
    })
  }

  const fulfillmentSetName = "Northwind Distribution Center delivery"
  let [fulfillmentSet] = await fulfillmentModule.listFulfillmentSets(
    { name: fulfillmentSetName },
    { relations: ["service_zones"] }
  )
  if (!fulfillmentSet) {
    fulfillmentSet = await fulfillmentModule.createFulfillmentSets({
      name: fulfillmentSetName,
      type: "shipping",
      service_zones: [
        {
          name: "United States and Canada",
          geo_zones: REGIONS.flatMap((region) =>
            region.countries.map((country_code) => ({ country_code, type: "country" as const }))
          ),
        },
      ],
    })
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: warehouseId },
      [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
    })
    created.push("fulfillment set")
  }

  const existingOptions = await fulfillmentModule.listShippingOptions({
    service_zone: { fulfillment_set: { id: fulfillmentSet.id } },
  })
  const shippingOptions = [
    { code: "standard", name: "Standard delivery", description: "Delivered in 3–5 business days.", usd: 6.95, cad: 9.95 },
    { code: "express", name: "Express delivery", description: "Delivered in 1–2 business days.", usd: 14.95, cad: 19.95 },
  ].filter((option) => !existingOptions.some((existing) => existing.name === option.name))
  if (shippingOptions.length) {
    await createShippingOptionsWorkflow(container).run({
      input: shippingOptions.map((option) => ({
        name: option.name,
        price_type: "flat" as const,
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: shippingProfile.id,
        type: { label: option.name, description: option.description, code: option.code },
        prices: [
          { currency_code: "usd", amount: option.usd },
          { currency_code: "cad", amount: option.cad },
          { region_id: regionIds.usd, amount: option.usd },
          { region_id: regionIds.cad, amount: option.cad },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" as const },
          { attribute: "is_return", value: "false", operator: "eq" as const },
        ],
      })),
    })
    created.push(`${shippingOptions.length} shipping options`)
  }

  // Categories and products.
  const productModule = container.resolve(Modules.PRODUCT)
  const existingCategories = await productModule.listProductCategories({ name: [...CATEGORIES] })
  const missingCategories = CATEGORIES.filter((name) => !existingCategories.some((c) => c.name === name))
  if (missingCategories.length) {
    await createProductCategoriesWorkflow(container).run({
      input: { product_categories: missingCategories.map((name) => ({ name, is_active: true })) },
    })
    created.push(`${missingCategories.length} categories`)
  }
  const categories = await productModule.listProductCategories({ name: [...CATEGORIES] })
  const categoryId = (name: string) => categories.find((c) => c.name === name)!.id

  const existingProducts = await productModule.listProducts(
    { handle: PRODUCTS.map(productHandle) },
    { select: ["id", "handle"] }
  )
  const missingProducts = PRODUCTS.map((product, index) => ({ product, index })).filter(
    ({ product }) => !existingProducts.some((p) => p.handle === productHandle(product))
  )
  if (missingProducts.length) {
    await createProductsWorkflow(container).run({
      input: {
        products: missingProducts.map(({ product, index }) => ({
          title: product.title,
          handle: productHandle(product),
          description: product.description,
          status: ProductStatus.PUBLISHED,
          category_ids: [categoryId(product.category)],
          shipping_profile_id: shippingProfile.id,
          options: [
            { title: "Size", values: product.sizes },
            { title: "Color", values: product.colors },
          ],
          variants: variantsOf(product, index).map((variant) => ({
            title: variant.title,
            sku: variant.sku,
            barcode: variant.barcode,
            ean: variant.barcode,
            manage_inventory: true,
            options: { Size: variant.size, Color: variant.color },
            prices: [
              { currency_code: "usd", amount: product.usd },
              { currency_code: "cad", amount: cadPrice(product.usd) },
            ],
          })),
          sales_channels: [{ id: webshop.id }],
        })),
      },
    })
    created.push(`${missingProducts.length} products`)
  }

  // The shops sell the whole catalogue at the counter: every product is in each
  // shop's POS sales channel too (the go-live readiness check asks for it).
  const { data: channelsOfProducts } = await query.graph({
    entity: "product",
    fields: ["id", "sales_channels.id"],
    filters: { handle: PRODUCTS.map(productHandle) },
  })
  for (const [code, channelId] of Object.entries(posChannelIds)) {
    const missing = channelsOfProducts
      .filter((product: any) => !(product.sales_channels ?? []).some((channel: any) => channel?.id === channelId))
      .map((product: any) => product.id as string)
    if (missing.length) {
      await linkProductsToSalesChannelWorkflow(container).run({ input: { id: channelId, add: missing } })
      created.push(`${missing.length} products in the POS channel of ${code}`)
    }
  }

  // Stock, unevenly spread (see planStock). Only levels that do not exist yet are
  // created; quantities someone changed since are left as they are.
  const plan = planStock(PRODUCTS, LOCATIONS)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["sku", "inventory_items.inventory_item_id"],
    filters: { sku: [...new Set(plan.map((row) => row.sku))] },
  })
  const itemBySku = new Map(
    variants.map((variant) => [variant.sku, variant.inventory_items?.[0]?.inventory_item_id])
  )
  const inventoryModule = container.resolve(Modules.INVENTORY)
  const existingLevels = await inventoryModule.listInventoryLevels(
    { inventory_item_id: [...itemBySku.values()].filter(Boolean) as string[] },
    { select: ["inventory_item_id", "location_id"] }
  )
  const levelKeys = new Set(existingLevels.map((level) => `${level.inventory_item_id}|${level.location_id}`))
  const missingLevels = plan
    .map((row) => ({
      inventory_item_id: itemBySku.get(row.sku)!,
      location_id: locationIds[row.location],
      stocked_quantity: row.quantity,
    }))
    .filter((level) => !levelKeys.has(`${level.inventory_item_id}|${level.location_id}`))
  if (missingLevels.length) {
    await createInventoryLevelsWorkflow(container).run({ input: { inventory_levels: missingLevels } })
    created.push(`${missingLevels.length} inventory levels`)
  }

  // Unit costs for the scorecard's margin and GMROI: 42% of the US price, for variants that have none yet.
  const pricedVariants = await container
    .resolve(Modules.PRODUCT)
    .listProductVariants({ sku: PRODUCTS.flatMap((p, i) => variantsOf(p, i).map((v) => v.sku)) }, { select: ["id", "sku"], take: null })
  const costed = new Set(
    ((await (container.resolve(POS_MODULE) as PosModuleService).listPosVariantCosts({ currency_code: "usd" }, { select: ["variant_id"], take: null })) as any[]).map((c) => c.variant_id)
  )
  const usdBySku = new Map(PRODUCTS.flatMap((p, i) => variantsOf(p, i).map((v) => [v.sku, p.usd] as const)))
  const missingCosts = pricedVariants
    .filter((v) => v.sku && !costed.has(v.id) && usdBySku.has(v.sku))
    .map((v) => ({ variant_id: v.id, amount: (usdBySku.get(v.sku!)! * 42) / 100 }))
  if (missingCosts.length) {
    await setVariantCostsWorkflow(container).run({ input: { currency_code: "usd", costs: missingCosts, actor_id: "demo-seed", source: "api" } })
    created.push(`${missingCosts.length} unit costs`)
  }

  // The admin user who signs in to the dashboard.
  if (await ensureAdminUser(container, ADMIN_LOGIN)) {
    created.push("admin user")
  }

  logger.info(
    created.length
      ? `Demo data: created ${created.join(", ")}`
      : "Demo data: already in place, nothing to create"
  )

  return {
    seed_version: DEMO_SEED_VERSION,
    admin: { email: ADMIN_LOGIN.email, password: ADMIN_LOGIN.password },
    publishable_key: publishableKey.token,
    sales_channel_id: webshop.id,
    region_ids: regionIds,
    stock_location_ids: locationIds,
    store_ids: storeIds,
    staff: staffLogins,
    products: PRODUCTS.length,
    variants: plan.length ? new Set(plan.map((row) => row.sku)).size : 0,
    created,
  }
}

export default async function seed({ container, args }: ExecArgs) {
  const summary = await seedDemo(container)
  // the demo app sells gift cards (Medusa's loyalty plugin is installed in medusa-config)
  await seedGiftCardProduct(container)
  const summaryFile = args?.[0]
  if (summaryFile) {
    fs.writeFileSync(summaryFile, JSON.stringify(summary, null, 2))
  }
}

/**
 * With Stripe configured (STRIPE_API_KEY), card payments are enabled in the
 * demo's regions: Stripe Terminal at the tills, Medusa's Stripe provider online.
 */
async function enableCardProvider(container: Container, regionId: string, created: string[]) {
  const payment = container.resolve(Modules.PAYMENT)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  for (const providerId of ["pp_stripe-terminal_stripe-terminal", "pp_stripe_stripe"]) {
    const [provider] = await payment.listPaymentProviders({ id: providerId })
    if (!provider) {
      continue
    }
    const { data } = await query.graph({ entity: "region", fields: ["payment_providers.id"], filters: { id: regionId } })
    if ((data[0] as any)?.payment_providers?.some((p: any) => p?.id === providerId)) {
      continue
    }
    await container.resolve(ContainerRegistrationKeys.LINK).create({
      [Modules.REGION]: { region_id: regionId },
      [Modules.PAYMENT]: { payment_provider_id: providerId },
    })
    created.push(`${providerId} in region ${regionId}`)
  }
}
