import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { setVariantCostsWorkflow } from "../../../../workflows/variant-cost/set-variant-costs"
import type { AdminGetPosVariantCostsParamsType, AdminSetPosVariantCostsType } from "./validators"

async function defaultCurrency(knex: Knex): Promise<string> {
  const result = await knex.raw(
    `select currency_code from pos_store where deleted_at is null group by currency_code order by count(*) desc, currency_code limit 1`
  )
  return (result.rows?.[0]?.currency_code as string | undefined) ?? "usd"
}

/**
 * The catalogue's variants with their unit cost in a currency (the stores'
 * usual one unless asked), by SKU; `missing=true` lists only those without.
 */
export const GET = async (req: AuthenticatedMedusaRequest<AdminGetPosVariantCostsParamsType>, res: MedusaResponse) => {
  const params = req.validatedQuery as unknown as AdminGetPosVariantCostsParamsType
  const knex: Knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const currency = params.currency_code ?? (await defaultCurrency(knex))
  const where = `pv.deleted_at is null and p.deleted_at is null
    and (cast(:q as text) is null or pv.sku ilike :like or p.title ilike :like or pv.title ilike :like)
    and (cast(:missing as text) is null or (:missing = 'true') = (vc.id is null))`
  const bindings = {
    currency,
    q: params.q ?? null,
    like: `%${(params.q ?? "").replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    missing: params.missing ?? null,
    limit: params.limit,
    offset: params.offset,
  }
  const from = `from product_variant pv join product p on p.id = pv.product_id
    left join pos_variant_cost vc on vc.variant_id = pv.id and vc.currency_code = :currency and vc.deleted_at is null`
  const [list, count] = await Promise.all([
    knex.raw(
      `select pv.id as variant_id, pv.sku, pv.title as variant_title, p.id as product_id, p.title as product_title, vc.amount, vc.updated_at
      ${from} where ${where} order by p.title, pv.title, pv.id limit :limit offset :offset`,
      bindings
    ),
    knex.raw(`select count(*) as count ${from} where ${where}`, bindings),
  ])
  res.json({
    currency_code: currency,
    variant_costs: list.rows.map((r: any) => ({ ...r, amount: r.amount === null ? null : Number(r.amount) })),
    count: Number(count.rows[0].count),
    limit: params.limit,
    offset: params.offset,
  })
}

/** Sets or removes unit costs (docs/reports.md), by variant id or SKU, in one audited workflow. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSetPosVariantCostsType>, res: MedusaResponse) => {
  const body = req.validatedBody
  const knex: Knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const skus = body.costs.filter((c) => c.sku).map((c) => c.sku!)
  const ids = body.costs.filter((c) => c.variant_id).map((c) => c.variant_id!)
  const found: { id: string; sku: string | null }[] = await knex("product_variant")
    .select("id", "sku")
    .whereNull("deleted_at")
    .where((w) => w.whereIn("sku", skus).orWhereIn("id", ids))
  const bySku = new Map<string, string>(found.filter((r) => r.sku).map((r) => [r.sku!, r.id]))
  const known = new Set<string>(found.map((r) => r.id))
  const unknown = body.costs.filter((c) => (c.sku ? !bySku.has(c.sku) : !known.has(c.variant_id!))).map((c) => c.sku ?? c.variant_id)
  if (unknown.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `No variant has ${unknown.length === 1 ? "this SKU or id" : "these SKUs or ids"}: ${unknown.slice(0, 20).join(", ")}${unknown.length > 20 ? ` and ${unknown.length - 20} more` : ""}`
    )
  }
  const costs = body.costs.map((c) => ({ variant_id: c.variant_id ?? bySku.get(c.sku!)!, amount: c.amount }))
  const { result } = await setVariantCostsWorkflow(req.scope).run({
    input: { currency_code: body.currency_code, costs, actor_id: req.auth_context.actor_id, request_id: req.requestId, source: "api" },
  })
  res.json({ currency_code: body.currency_code, ...result })
}
