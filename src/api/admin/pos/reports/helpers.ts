import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { resolveReportRange } from "../../../../lib/report-range"
import { POS_MODULE } from "../../../../modules/pos"
import type PosModuleService from "../../../../modules/pos/service"
import { REPORT_METRICS, scorecard, type ScorecardQuery } from "../../../../reports/scorecard"
import type { AdminGetPosReportsParamsType } from "./validators"

/**
 * The scorecard a request asks for. Left out: the time zone is the store's
 * (one store) or UTC; the currency the store's, or the one most stores sell
 * in; the range the 30 days ending today there.
 */
export async function runScorecard(req: AuthenticatedMedusaRequest<AdminGetPosReportsParamsType>, now = new Date()) {
  const params = req.validatedQuery as unknown as AdminGetPosReportsParamsType
  const pos = req.scope.resolve(POS_MODULE) as PosModuleService
  const knex: Knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  let timezone = params.timezone ?? "UTC"
  let currency = params.currency_code
  if (params.store_id) {
    const [store] = await pos.listPosStores({ id: params.store_id }, { select: ["id", "timezone", "currency_code"] })
    if (!store) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Store with id ${params.store_id} was not found`)
    }
    timezone = params.timezone ?? store.timezone
    currency = currency ?? store.currency_code
  }
  if (!currency) {
    const result = await knex.raw(
      `select currency_code from pos_store where deleted_at is null group by currency_code order by count(*) desc, currency_code limit 1`
    )
    currency = (result.rows?.[0]?.currency_code as string | undefined) ?? "usd"
  }
  // Postgres reads the time zone and the currency: refuse what it does not know instead of failing or answering zeros
  const known = await knex.raw(
    `select exists (select 1 from pg_timezone_names where name = :timezone) as timezone, exists (select 1 from currency where code = :currency) as currency`,
    { timezone, currency }
  )
  if (!known.rows[0].timezone) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `timezone ${timezone} is not a time zone the database knows; use a name such as Europe/Paris or UTC`)
  }
  if (!known.rows[0].currency) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `currency_code ${currency} is not a currency Medusa knows`)
  }
  const range = resolveReportRange({ from: params.from, to: params.to }, timezone, now)
  if ("error" in range) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, range.error)
  }
  const query: ScorecardQuery = {
    ...range,
    timezone,
    currency_code: currency,
    store_id: params.store_id ?? null,
    channel: params.channel ?? null,
    group_by: params.group_by,
    metrics: params.metrics?.length ? params.metrics : [...REPORT_METRICS],
    settings: pos.settings.reports,
    now,
  }
  return scorecard(knex, query)
}
