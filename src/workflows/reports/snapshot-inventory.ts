import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { POS_MODULE } from "../../modules/pos"
import type PosModuleService from "../../modules/pos/service"

export const snapshotInventoryWorkflowId = "snapshot-pos-inventory"

export type SnapshotInventoryInput = { day: string }

/**
 * Writes the day's stock at cost per location, category and currency (the
 * currencies unit costs exist in), aggregated in Postgres. A day already
 * written is left as it is, so a second run (two servers, a retry) adds
 * nothing; compensation removes only what this run wrote.
 */
const snapshotInventoryStep = createStep(
  "snapshot-pos-inventory",
  async (input: SnapshotInventoryInput, { container }) => {
    const knex: Knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const pos = container.resolve(POS_MODULE) as PosModuleService
    const result = await knex.raw(
      `with item_cost as (
        select pvii.inventory_item_id, vc.currency_code, min(vc.amount / nullif(pvii.required_quantity, 0)) as cost
        from product_variant_inventory_item pvii
        join pos_variant_cost vc on vc.variant_id = pvii.variant_id and vc.deleted_at is null
        where pvii.deleted_at is null
          -- a kit's cost is not split over its parts: only variants made of one item give it a cost
          and (select count(*) from product_variant_inventory_item k where k.variant_id = pvii.variant_id and k.deleted_at is null) = 1
        group by 1, 2
      ),
      first_category as (
        select pvii.inventory_item_id, min(pcp.product_category_id) as category_id
        from product_variant_inventory_item pvii
        join product_variant pv on pv.id = pvii.variant_id and pv.deleted_at is null
        join product_category_product pcp on pcp.product_id = pv.product_id
        where pvii.deleted_at is null group by 1
      )
      select il.location_id, min(sl.pos_store_id) as store_id, coalesce(fc.category_id, '') as category_id, ic.currency_code,
        cast(sum(il.stocked_quantity) as int) as units, sum(il.stocked_quantity * ic.cost) as cost_value
      from inventory_level il
      join item_cost ic on ic.inventory_item_id = il.inventory_item_id
      left join pos_pos_store_stock_location_stock_location sl on sl.stock_location_id = il.location_id and sl.deleted_at is null
      left join first_category fc on fc.inventory_item_id = il.inventory_item_id
      where il.deleted_at is null
      group by il.location_id, coalesce(fc.category_id, ''), ic.currency_code
      having sum(il.stocked_quantity) <> 0`
    )
    const [taken] = await pos.listPosInventorySnapshots({ day: input.day }, { select: ["id"], take: 1 })
    if (taken) {
      return new StepResponse({ day: input.day, rows: 0, already: true }, [] as string[])
    }
    const rows = (result.rows as any[]).map((r) => ({
      day: input.day,
      location_id: r.location_id as string,
      store_id: (r.store_id as string | null) ?? null,
      category_id: r.category_id as string,
      currency_code: r.currency_code as string,
      units: Number(r.units),
      cost_value: r.cost_value as unknown as number,
    }))
    const created = rows.length ? ((await pos.createPosInventorySnapshots(rows)) as unknown as { id: string }[]) : []
    return new StepResponse({ day: input.day, rows: created.length, already: false }, created.map((c) => c.id))
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await (container.resolve(POS_MODULE) as PosModuleService).deletePosInventorySnapshots(ids)
    }
  }
)

export const snapshotInventoryWorkflow = createWorkflow(snapshotInventoryWorkflowId, (input: SnapshotInventoryInput) => {
  return new WorkflowResponse(snapshotInventoryStep(input))
})
