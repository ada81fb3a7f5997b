import { Button, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { apiMessage } from "../../lib/sdk"
import { daysBefore, today, useScorecard } from "./api"
import { KpiTiles } from "./tiles"

/** A store's own tiles: its last 30 days on the scorecard, with a link to the whole page. */
export function StoreScorecard({ storeId }: { storeId: string }) {
  const to = today()
  const filters = { from: daysBefore(to, 29), to, store_id: storeId }
  const { data, isLoading, error } = useScorecard(filters)
  return (
    <div>
      <div className="flex items-center justify-between px-6 pt-4">
        <Text size="small" className="text-ui-fg-subtle">
          The last 30 days at this store{data ? ` (${data.report.timezone})` : ""}
        </Text>
        <Button size="small" variant="transparent" asChild>
          <Link to={`/pos-stores/scorecard?store_id=${storeId}&from=${filters.from}&to=${filters.to}`}>Open the scorecard</Link>
        </Button>
      </div>
      {error && (
        <Text className="text-ui-fg-error px-6 py-4" role="alert">
          {apiMessage(error)}
        </Text>
      )}
      {isLoading && <Text className="text-ui-fg-subtle px-6 py-4">Working out the scorecard…</Text>}
      {data && <KpiTiles report={data.report} />}
    </div>
  )
}
