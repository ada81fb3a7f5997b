import { z } from "@medusajs/framework/zod"
import { boundedText } from "../../../../utils/validators"

export const TerminalCatalogParams = z
  .object({
    after: boundedText("after", 100).trim().min(1, "after must not be empty").optional(),
    limit: z.coerce
      .number({ error: "limit is a whole number from 1 to 500" })
      .int("limit is a whole number from 1 to 500")
      .min(1, "limit is a whole number from 1 to 500")
      .max(500, "limit is a whole number from 1 to 500")
      .default(200),
    since: z
      .string({ error: "since is the version of an earlier answer (an ISO 8601 date and time)" })
      .datetime({ offset: true, message: "since is the version of an earlier answer (an ISO 8601 date and time)" })
      .optional(),
  })
  .strict()
export type TerminalCatalogParamsType = z.infer<typeof TerminalCatalogParams>
