import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Container, Heading, Input, Label, Select, Table, Text, toast } from "@medusajs/ui"
import { lazy, Suspense, useState } from "react"
import { useSearchParams } from "react-router-dom"
import { daysBefore, downloadScorecardCsv, hours, percent, today, useScorecard, type Scorecard, type ScorecardFilters } from "../../../components/reports/api"
import { KpiTiles } from "../../../components/reports/tiles"
import { PageHeader } from "../../../components/stores/page-header"
import { apiMessage } from "../../../lib/sdk"
import { useStores } from "../../../lib/stores"
import { useMoney } from "../../../lib/use-money"

// the chart library loads with the charts, on this page only
const ScorecardCharts = lazy(() => import("../../../components/reports/charts"))

function Section({ title, children, empty }: { title: string; children: React.ReactNode; empty: boolean }) {
  return (
    <div className="px-6 py-4">
      <Heading level="h3" className="mb-2">
        {title}
      </Heading>
      {empty ? (
        <Text size="small" className="text-ui-fg-subtle">
          Nothing in this range.
        </Text>
      ) : (
        <div className="overflow-x-auto">{children}</div>
      )}
    </div>
  )
}

function Details({ report }: { report: Scorecard }) {
  const money = useMoney(report.currency_code, { grouped: true })
  const m = report.metrics
  const nodes = m.fulfilment?.nodes ?? []
  const exceptionsByStore = new Map((m.exceptions?.stores ?? []).map((s) => [s.store_id, s]))
  const productivity = new Map((m.staff_productivity?.stores ?? []).map((s) => [s.store_id, s]))
  // a store with shift hours and no sale is listed too
  const stores = [...new Set([...exceptionsByStore.keys(), ...productivity.keys()])].map((id) => ({
    store_id: id,
    store_name: exceptionsByStore.get(id)?.store_name ?? productivity.get(id)?.store_name ?? id,
    sales: exceptionsByStore.get(id)?.sales ?? 0,
    void_rate: exceptionsByStore.get(id)?.void_rate ?? null,
    exception_rate: exceptionsByStore.get(id)?.exception_rate ?? null,
  }))
  return (
    <>
      <Section title="Fulfilment time by node (placed → ready or shipped)" empty={!nodes.length}>
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Node</Table.HeaderCell>
              <Table.HeaderCell>Work</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Done / tasks</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Median</Table.HeaderCell>
              <Table.HeaderCell className="text-right">90th percentile</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {nodes.map((n) => (
              <Table.Row key={`${n.node_id}-${n.kind}`}>
                <Table.Cell>{n.node_name}</Table.Cell>
                <Table.Cell>{n.kind === "pickup" ? "Pickup" : n.node_type === "store" ? "Ship from store" : "Warehouse shipment"}</Table.Cell>
                <Table.Cell className="text-right tabular-nums">
                  {n.done} / {n.tasks}
                </Table.Cell>
                <Table.Cell className="text-right tabular-nums">{hours(n.median_hours)}</Table.Cell>
                <Table.Cell className="text-right tabular-nums">{hours(n.p90_hours)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Section>
      <Section title="Stores: voids, exceptions and sales per shift hour" empty={!stores.length && !productivity.size}>
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Store</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Till sales</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Void rate</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Exceptions per sale</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Shift hours</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Sales per shift hour</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {stores.map((s) => (
              <Table.Row key={s.store_id}>
                <Table.Cell>{s.store_name ?? s.store_id}</Table.Cell>
                <Table.Cell className="text-right tabular-nums">{s.sales}</Table.Cell>
                <Table.Cell className="text-right tabular-nums">{percent(s.void_rate)}</Table.Cell>
                <Table.Cell className="text-right tabular-nums">{percent(s.exception_rate)}</Table.Cell>
                <Table.Cell className="text-right tabular-nums">{productivity.get(s.store_id)?.shift_hours ?? 0}</Table.Cell>
                <Table.Cell className="text-right tabular-nums">{money(productivity.get(s.store_id)?.sales_per_shift_hour)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Section>
      <Section title="GMROI by store and category (margin ÷ stock at cost)" empty={!(m.gmroi?.stores.length || m.gmroi?.categories.length)}>
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Store or category</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Gross margin</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Average stock at cost</Table.HeaderCell>
              <Table.HeaderCell className="text-right">GMROI</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Units without cost</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {[...(m.gmroi?.stores ?? []), ...(m.gmroi?.categories ?? [])].map((g) => (
              <Table.Row key={`${g.id}`}>
                <Table.Cell>{g.name ?? g.id}</Table.Cell>
                <Table.Cell className="text-right tabular-nums">{money(g.gross_margin)}</Table.Cell>
                <Table.Cell className="text-right tabular-nums">{money(g.average_inventory_cost)}</Table.Cell>
                <Table.Cell className="text-right tabular-nums">{g.gmroi === null ? "–" : g.gmroi.toFixed(2)}</Table.Cell>
                <Table.Cell className="text-right tabular-nums">{g.uncosted_units}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Section>
      <div className="grid grid-cols-1 lg:grid-cols-2">
        <Section title="Promotions" empty={!m.promotions?.length}>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Code</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Orders</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Discount</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Net sales</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {(m.promotions ?? []).map((p) => (
                <Table.Row key={p.promotion_id ?? p.code}>
                  <Table.Cell>{p.code ?? p.promotion_id}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{p.orders}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{money(p.discount)}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{money(p.net_sales)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </Section>
        <Section title="Bought together most often" empty={!m.basket?.length}>
          <Table>
            <Table.Body>
              {(m.basket ?? []).map((pair) => (
                <Table.Row key={pair.products.map((p) => p.id).join("+")}>
                  <Table.Cell>{pair.products.map((p) => p.title).join(" + ")}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{pair.orders} orders</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </Section>
      </div>
    </>
  )
}

/**
 * The omnichannel scorecard (docs/reports.md): a date range and a store, the
 * KPI tiles against the retailer's targets, charts, the tables behind them,
 * and the same numbers as CSV.
 */
const ScorecardPage = () => {
  const [params, setParams] = useSearchParams()
  const to = params.get("to") ?? today()
  const filters: ScorecardFilters = { from: params.get("from") ?? daysBefore(to, 29), to, store_id: params.get("store_id") }
  const stores = useStores({ fields: "id,name,status" })
  const { data, isLoading, error } = useScorecard(filters)
  const [exporting, setExporting] = useState(false)
  const set = (next: Partial<ScorecardFilters>) => {
    const merged = { ...filters, ...next }
    setParams({ from: merged.from, to: merged.to, ...(merged.store_id ? { store_id: merged.store_id } : {}) })
  }
  const report = data?.report

  return (
    <Container className="divide-y p-0">
      <PageHeader
        title="Scorecard"
        description="The omnichannel KPIs from your orders, stores and counts. Amounts are item prices as set (shipping left out)."
        actions={
          <Button
            size="small"
            variant="secondary"
            isLoading={exporting}
            onClick={async () => {
              setExporting(true)
              try {
                await downloadScorecardCsv(filters)
              } catch (e) {
                toast.error(apiMessage(e))
              } finally {
                setExporting(false)
              }
            }}
          >
            Export CSV
          </Button>
        }
      />
      <div className="flex flex-col gap-3 px-6 py-3 sm:flex-row sm:items-end">
        <div className="flex flex-col gap-1">
          <Label size="xsmall" htmlFor="scorecard-from">
            From
          </Label>
          <Input id="scorecard-from" type="date" size="small" value={filters.from} max={filters.to} onChange={(e) => e.target.value && set({ from: e.target.value })} />
        </div>
        <div className="flex flex-col gap-1">
          <Label size="xsmall" htmlFor="scorecard-to">
            To
          </Label>
          <Input id="scorecard-to" type="date" size="small" value={filters.to} min={filters.from} onChange={(e) => e.target.value && set({ to: e.target.value })} />
        </div>
        <div className="flex flex-col gap-1 sm:w-72">
          <Label size="xsmall">Store</Label>
          <Select value={filters.store_id ?? "all"} onValueChange={(value) => set({ store_id: value === "all" ? null : value })}>
            <Select.Trigger aria-label="Store">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="all">The whole network</Select.Item>
              {(stores.data?.stores ?? []).map((s) => (
                <Select.Item key={s.id} value={s.id}>
                  {s.name}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
        <div className="flex gap-2">
          {[7, 30, 90].map((days) => (
            <Button key={days} size="small" variant="transparent" className="whitespace-nowrap" onClick={() => set({ from: daysBefore(today(), days - 1), to: today() })}>
              {days} days
            </Button>
          ))}
        </div>
      </div>
      {error && (
        <Text className="text-ui-fg-error px-6 py-4" role="alert">
          {apiMessage(error)}
        </Text>
      )}
      {isLoading && <Text className="text-ui-fg-subtle px-6 py-4">Working out the scorecard…</Text>}
      {report && (
        <>
          <Text size="small" className="text-ui-fg-subtle px-6 pt-3">
            {report.from} to {report.to} ({report.timezone}), in {report.currency_code.toUpperCase()}
          </Text>
          <KpiTiles report={report} />
          <Suspense fallback={<Text className="text-ui-fg-subtle px-6 py-4">Loading charts…</Text>}>
            <ScorecardCharts report={report} />
          </Suspense>
          <Details report={report} />
        </>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Scorecard" })

export default ScorecardPage
