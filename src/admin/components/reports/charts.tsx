import { Heading, Text } from "@medusajs/ui"
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts"
import type { Scorecard } from "./api"

const TENDER_LABELS: Record<string, string> = {
  cash: "Cash",
  card_present: "Card in store",
  card_online: "Card online",
  gift_card: "Gift card",
  store_credit: "Store credit",
  other: "Other online",
}

/**
 * The scorecard's charts; this module (and the chart library) is loaded only
 * when the scorecard page shows them.
 */
export default function ScorecardCharts({ report }: { report: Scorecard }) {
  const series = report.metrics.sales?.series ?? []
  const tenders = (report.metrics.tender_mix?.tenders ?? []).filter((t) => t.amount > 0).map((t) => ({ ...t, label: TENDER_LABELS[t.tender] ?? t.tender, percent: Math.round((t.share ?? 0) * 1000) / 10 }))
  return (
    <div className="grid grid-cols-1 gap-4 px-6 py-4 lg:grid-cols-3">
      <div className="lg:col-span-2" data-testid="chart-sales">
        <Heading level="h3" className="mb-2">
          Net sales by day, in store and online ({report.currency_code.toUpperCase()})
        </Heading>
        {series.length ? (
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={series}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="bucket" fontSize={11} />
              <YAxis fontSize={11} width={56} />
              <Tooltip />
              <Legend />
              <Bar dataKey="store_net_sales" name="In store" stackId="sales" fill="#6366f1" />
              <Bar dataKey="online_net_sales" name="Online" stackId="sales" fill="#22c55e" />
            </BarChart>
          </ResponsiveContainer>
        ) : (
          <Text size="small" className="text-ui-fg-subtle">
            No sales in this range.
          </Text>
        )}
      </div>
      <div data-testid="chart-tenders">
        <Heading level="h3" className="mb-2">
          Tender mix (% of amount taken)
        </Heading>
        {tenders.length ? (
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={tenders} layout="vertical" margin={{ left: 24 }}>
              <XAxis type="number" domain={[0, 100]} fontSize={11} unit="%" />
              <YAxis type="category" dataKey="label" fontSize={11} width={96} />
              <Tooltip />
              <Bar dataKey="percent" name="Share" fill="#f59e0b" />
            </BarChart>
          </ResponsiveContainer>
        ) : (
          <Text size="small" className="text-ui-fg-subtle">
            Nothing taken in this range.
          </Text>
        )}
      </div>
    </div>
  )
}
