import { Badge, Text } from "@medusajs/ui"
import { useMoney } from "../../lib/use-money"
import { hours, percent, type Scorecard, type TargetKey } from "./api"

const count = (n: number | undefined, one: string, many: string) => `${n ?? 0} ${(n ?? 0) === 1 ? one : many}`

type Tile = { label: string; value: string; detail?: string; target?: { key: TargetKey; value: number | null; higherIsBetter: boolean; format: (n: number) => string } }

/** One KPI: its value, what it is made of, and against the retailer's target when one is set. */
function KpiTile({ tile, targets }: { tile: Tile; targets: Scorecard["targets"] }) {
  const target = tile.target ? targets[tile.target.key] : undefined
  const met =
    tile.target && target !== undefined && tile.target.value !== null
      ? tile.target.higherIsBetter
        ? tile.target.value >= target
        : tile.target.value <= target
      : null
  return (
    <div className="shadow-elevation-card-rest bg-ui-bg-component flex flex-col gap-1 rounded-lg p-4" data-testid="kpi-tile">
      <Text size="small" className="text-ui-fg-subtle">
        {tile.label}
      </Text>
      <Text size="xlarge" weight="plus" className="tabular-nums">
        {tile.value}
      </Text>
      {tile.detail && (
        <Text size="xsmall" className="text-ui-fg-muted">
          {tile.detail}
        </Text>
      )}
      {tile.target && target !== undefined && (
        <div>
          <Badge size="2xsmall" className="whitespace-nowrap" color={met === null ? "grey" : met ? "green" : "orange"}>
            Target {tile.target.format(target)}
            {met === null ? "" : met ? " · met" : " · missed"}
          </Badge>
        </div>
      )}
    </div>
  )
}

/** The scorecard's headline tiles, for the network or one store. */
export function KpiTiles({ report }: { report: Scorecard }) {
  const money = useMoney(report.currency_code, { grouped: true })
  const m = report.metrics
  const voids = (m.exceptions?.stores ?? []).reduce((acc, s) => ({ sales: acc.sales + s.sales, voids: acc.voids + s.voids }), { sales: 0, voids: 0 })
  const voidRate = voids.sales + voids.voids ? voids.voids / (voids.sales + voids.voids) : null
  const gmroi = report.store_id ? m.gmroi?.stores.find((s) => s.id === report.store_id) ?? null : m.gmroi?.network ?? null
  const tiles: Tile[] = [
    { label: "Net sales", value: money(m.sales?.net_sales), detail: `${count(m.sales?.orders, "order", "orders")} · ${count(m.sales?.units, "unit", "units")}` },
    { label: "Average order value", value: money(m.sales?.average_order_value), detail: `In store ${money(m.sales?.by_channel.store.net_sales)} · online ${money(m.sales?.by_channel.online.net_sales)}` },
    {
      label: "Click-and-collect adoption",
      value: percent(m.bopis?.adoption),
      detail: `${m.bopis?.pickup_orders ?? 0} of ${m.bopis?.online_orders ?? 0} online orders${report.store_id ? " this store served" : ""} · collected in ${hours(m.bopis?.collection_hours.median)}`,
      target: { key: "bopis_adoption", value: m.bopis?.adoption ?? null, higherIsBetter: true, format: percent },
    },
    {
      label: "Order promise kept",
      value: percent(m.promise?.accuracy),
      detail: `${m.promise?.kept ?? 0} of ${m.promise?.measured ?? 0} · pickup ${m.promise?.pickup.sla_hours ?? "–"} h, ship ${m.promise?.ship.sla_hours ?? "–"} h`,
      target: { key: "promise_accuracy", value: m.promise?.accuracy ?? null, higherIsBetter: true, format: percent },
    },
    {
      label: "Inventory accuracy",
      value: percent(m.inventory_accuracy?.accuracy),
      detail: `${m.inventory_accuracy?.accurate_lines ?? 0} of ${m.inventory_accuracy?.counted_lines ?? 0} counted lines · ${m.inventory_accuracy?.discrepancies.items_in_hand ?? 0} sold-in-hand`,
      target: { key: "inventory_accuracy", value: m.inventory_accuracy?.accuracy ?? null, higherIsBetter: true, format: percent },
    },
    {
      label: "Pick accuracy",
      value: percent(m.pick_accuracy?.accuracy),
      detail: `${m.pick_accuracy?.short_lines ?? 0} short of ${m.pick_accuracy?.pick_lines ?? 0} pick lines`,
      target: { key: "pick_accuracy", value: m.pick_accuracy?.accuracy ?? null, higherIsBetter: true, format: percent },
    },
    {
      label: "Return rate",
      value: percent(m.returns?.return_rate),
      detail: `${m.returns?.returned_units ?? 0} of ${count(m.returns?.sold_units, "unit", "units")} · back on sale in ${hours(m.returns?.turn_time_hours.median)}`,
      target: { key: "return_rate", value: m.returns?.return_rate ?? null, higherIsBetter: false, format: percent },
    },
    {
      label: "Void rate",
      value: percent(voidRate),
      detail: `${voids.voids} voids, ${voids.sales} till sales`,
      target: { key: "void_rate", value: voidRate, higherIsBetter: false, format: percent },
    },
    {
      label: "GMROI",
      value: gmroi?.gmroi === null || gmroi?.gmroi === undefined ? "–" : gmroi.gmroi.toFixed(2),
      detail: gmroi ? `Margin ${money(gmroi.gross_margin)} on average stock at cost ${money(gmroi.average_inventory_cost)}${gmroi.uncosted_units ? ` · ${gmroi.uncosted_units} units without a cost` : ""}` : undefined,
      target: { key: "gmroi", value: gmroi?.gmroi ?? null, higherIsBetter: true, format: (n) => n.toFixed(2) },
    },
    {
      label: "Omnichannel AOV uplift",
      value: percent(m.omnichannel_customers?.aov_uplift),
      detail: `${m.omnichannel_customers?.omnichannel.customers ?? 0} customers bought in both channels`,
    },
    {
      label: "Endless aisle",
      value: money(m.endless_aisle?.net_sales),
      detail: `${m.endless_aisle?.orders ?? 0} till sales from another node's stock · ${percent(m.endless_aisle?.share_of_store_sales)} of store sales`,
    },
  ]
  return (
    <div className="grid grid-cols-1 gap-3 px-6 py-4 sm:grid-cols-2 lg:grid-cols-4">
      {tiles.map((tile) => (
        <KpiTile key={tile.label} tile={tile} targets={report.targets} />
      ))}
    </div>
  )
}
