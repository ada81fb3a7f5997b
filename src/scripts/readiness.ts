import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { formatReadinessReport } from "../lib/readiness"
import { checkReadiness } from "../workflows/readiness/utils/check-readiness"
import { POS_MODULE } from "../modules/pos"
import type PosModuleService from "../modules/pos/service"

/**
 * The go-live readiness check from a shell:
 * `npx medusa exec ./src/scripts/readiness.ts [store-code]`.
 * Prints one line per problem with the dashboard page that fixes it
 * (prefixed with MEDUSA_BACKEND_URL when set) and exits with 1 when not ready.
 */
export default async function readiness({ container, args }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const code = args?.[0]
  let storeId: string | undefined
  if (code) {
    const pos: PosModuleService = container.resolve(POS_MODULE)
    const [store] = await pos.listPosStores({ code }, { select: ["id"] })
    if (!store) {
      logger.error(`No store has the code ${code}; the codes are: ${(await pos.listPosStores({}, { select: ["code"] })).map((s) => s.code).join(", ") || "none (no store yet)"}`)
      process.exitCode = 1
      return
    }
    storeId = store.id
  }
  const report = await checkReadiness(container, { store_id: storeId })
  process.stdout.write(`${formatReadinessReport(report, process.env.MEDUSA_BACKEND_URL?.replace(/\/$/, "") ?? "")}\n`)
  if (!report.ready) {
    process.exitCode = 1
  }
}
