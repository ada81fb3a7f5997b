import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { Allocation } from "../../../lib/routing"
import { POS_MODULE } from "../../../modules/pos"
import type PosModuleService from "../../../modules/pos/service"
import { loadNetwork } from "../../routing/utils/network"
import { createStoreTasks } from "../../routing/utils/store-tasks"
import { endlessOf, type ShipTo } from "../utils/endless-aisle"

const addressLine = (to: ShipTo) =>
  [[to.first_name, to.last_name].filter(Boolean).join(" "), to.address_1, to.address_2, [to.city, to.province, to.postal_code].filter(Boolean).join(" "), to.country_code?.toUpperCase(), to.phone]
    .filter(Boolean)
    .join(", ")

export const createEndlessAisleTasksStepId = "create-pos-endless-aisle-tasks"

/**
 * A till's endless-aisle lines reach the stores' queues once the order exists, as an online
 * order's would: a line shipped to the customer gives its source store a ship task (its note says
 * the address: the order's own is the selling store's); a line for
 * pickup gives the pickup store a pickup task (the hand-over, with the line as a transfer when it
 * comes from elsewhere) and a source store a ship task to send it over. A warehouse source gets
 * no task: it fulfils in Medusa's dashboard, and the pickup store receives what it ships. A line is
 * queued once: a completion asked again (or one cut off between two destinations) queues only the
 * lines no task holds yet. Compensation deletes what it created.
 */
export const createEndlessAisleTasksStep = createStep(
  createEndlessAisleTasksStepId,
  async (input: { order_id: string }, { container }) => {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    // lines already in a queue (a completion asked again, or one cut off between two groups) are not queued twice
    const existing = (await pos.listPosStoreTasks({ order_id: input.order_id }, { select: ["id", "lines"] })) as any[]
    const queued = new Set(existing.flatMap((t) => ((t.lines ?? []) as any[]).map((l) => l.line_item_id as string)))
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: [
        "id",
        "items.*",
        "items.variant.manage_inventory",
        "items.variant.inventory_items.inventory_item_id",
        "items.variant.inventory_items.required_quantity",
      ],
      filters: { id: input.order_id },
    })
    const items = (((data[0] as any)?.items ?? []) as any[]).filter((item) => endlessOf(item) && item.variant?.manage_inventory && !queued.has(item.id))
    if (!items.length) {
      return new StepResponse([] as string[], [] as string[])
    }
    const network = await loadNetwork(container)
    // one group per destination: a pickup store, or an address the customer gave for shipping
    const groups = new Map<string, { pickup_node_id: string | null; ship_to: string | null; allocations: Allocation[] }>()
    for (const item of items) {
      const endless = endlessOf(item)!
      const pickupNode =
        endless.fulfillment === "pickup" ? (network.stores.find((s) => s.id === endless.pickup_store_id)?.stock_location?.id ?? null) : null
      const shipTo = endless.fulfillment === "ship" && endless.ship_to ? addressLine(endless.ship_to) : null
      const key = pickupNode ?? `ship:${shipTo}`
      const group = groups.get(key) ?? { pickup_node_id: pickupNode, ship_to: shipTo, allocations: [] as Allocation[] }
      for (const link of item.variant.inventory_items ?? []) {
        group.allocations.push({
          node_id: endless.source_location_id,
          line_id: item.id,
          inventory_item_id: link.inventory_item_id,
          quantity: MathBN.mult(link.required_quantity ?? 1, item.quantity).toNumber(),
        })
      }
      groups.set(key, group)
    }
    const itemInfo = Object.fromEntries(
      items.map((i) => [i.id, { title: [i.product_title ?? i.title, i.variant_title].filter(Boolean).join(" · "), sku: i.variant_sku ?? null }])
    )
    const created: string[] = []
    try {
      for (const group of groups.values()) {
        const tasks = await createStoreTasks(
          container,
          network,
          { order_id: input.order_id, destination: { point: null, pickup_node_id: group.pickup_node_id }, item_info: itemInfo },
          null,
          group.allocations
        )
        created.push(...tasks.map((t: any) => t.id as string))
        if (group.ship_to) {
          // the order's own address is the selling store's: the parcel goes where the customer said
          for (const t of tasks as any[]) {
            await pos.updatePosStoreTasks({ id: t.id, note: `Ship to ${group.ship_to} (sold at a till)` })
          }
        }
      }
    } catch (error) {
      // a step that throws is not compensated: the groups made before go with it, so asking again makes them all
      if (created.length) {
        await pos.deletePosStoreTasks(created)
      }
      throw error
    }
    return new StepResponse(created, created)
  },
  async (created, { container }) => {
    if (created?.length) {
      await (container.resolve(POS_MODULE) as PosModuleService).deletePosStoreTasks(created)
    }
  }
)
