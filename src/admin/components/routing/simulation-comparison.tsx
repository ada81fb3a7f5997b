import { Badge, Heading, Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { km, percent } from "./format"
import type { Placed, Simulation } from "./types"

type Outcome = { status: string; allocations: Placed[]; reason?: string } | null

const keyOf = (o: Outcome) =>
  o ? `${o.status}:${o.allocations.map((a) => `${a.node_id}|${a.line_id.split("#")[0]}|${a.quantity}`).sort().join(",")}` : "none"

/**
 * The orders the draft places differently from the rules in force, both on
 * today's stock. Each simulation lists the orders that differ from the stored
 * decision; an order absent from the in-force run's list is placed there as
 * it was stored.
 */
export function changedOrders(inForce: Simulation, draft: Simulation) {
  const now = new Map(inForce.changed.map((c) => [c.order_id, c]))
  const next = new Map(draft.changed.map((c) => [c.order_id, c]))
  const rows: { order_id: string; in_force: Outcome; draft: Outcome }[] = []
  for (const id of new Set([...next.keys(), ...now.keys()])) {
    const d = next.get(id)
    const f = now.get(id)
    const stored = d?.before ?? f?.before ?? null
    const inForceOutcome = f ? f.after : stored
    const draftOutcome = d ? d.after : stored
    if (keyOf(inForceOutcome) !== keyOf(draftOutcome)) {
      rows.push({ order_id: id, in_force: inForceOutcome, draft: draftOutcome })
    }
  }
  return rows
}

function Placement({ outcome, nodeName }: { outcome: Outcome; nodeName: (id: string) => string }) {
  if (!outcome) {
    return <Text size="small">–</Text>
  }
  if (outcome.status !== "routed") {
    return (
      <div className="flex flex-col gap-y-1">
        <div>
          <Badge size="2xsmall" color="red">
            unroutable
          </Badge>
        </div>
        {outcome.reason && (
          <Text size="xsmall" className="text-ui-fg-subtle">
            {outcome.reason}
          </Text>
        )}
      </div>
    )
  }
  const units = new Map<string, number>()
  for (const a of outcome.allocations) {
    units.set(a.node_id, (units.get(a.node_id) ?? 0) + a.quantity)
  }
  return (
    <Text size="small">
      {[...units.entries()].map(([id, n]) => `${nodeName(id)} × ${n}`).join(", ")}
    </Text>
  )
}

function Delta({ before, after, better }: { before: number | null; after: number | null; better: "lower" | "higher" }) {
  if (before === null || after === null || Math.abs(after - before) < 1e-9) {
    return null
  }
  const good = better === "lower" ? after < before : after > before
  return (
    <Badge size="2xsmall" color={good ? "green" : "orange"}>
      {after > before ? "▲" : "▼"}
    </Badge>
  )
}

/** The rules in force and the draft replayed on the same orders, side by side. */
export function SimulationComparison({
  inForce,
  draft,
  nodeName,
}: {
  inForce: Simulation
  draft: Simulation
  nodeName: (id: string) => string
}) {
  const metrics: { label: string; now: string; next: string; delta?: JSX.Element | null }[] = [
    { label: "Orders replayed", now: String(inForce.orders), next: String(draft.orders) },
    {
      label: "Routed",
      now: String(inForce.routed),
      next: String(draft.routed),
      delta: <Delta before={inForce.routed} after={draft.routed} better="higher" />,
    },
    {
      label: "Unroutable",
      now: String(inForce.unroutable),
      next: String(draft.unroutable),
      delta: <Delta before={inForce.unroutable} after={draft.unroutable} better="lower" />,
    },
    {
      label: "Split rate (orders in several parcels)",
      now: percent(inForce.split_rate),
      next: percent(draft.split_rate),
      delta: <Delta before={inForce.split_rate} after={draft.split_rate} better="lower" />,
    },
    {
      label: "Average distance per unit",
      now: km(inForce.average_distance_km),
      next: km(draft.average_distance_km),
      delta: <Delta before={inForce.average_distance_km} after={draft.average_distance_km} better="lower" />,
    },
    {
      label: "Units shipped from stores",
      now: percent(inForce.share_shipped_from_stores),
      next: percent(draft.share_shipped_from_stores),
    },
  ]
  const loads = new Map<string, { name: string; kind: string; capacity: number | null; now: number; next: number }>()
  for (const [which, sim] of [["now", inForce], ["next", draft]] as const) {
    for (const l of sim.node_load) {
      const row = loads.get(l.node_id) ?? { name: l.name, kind: l.kind, capacity: l.capacity, now: 0, next: 0 }
      row[which] = l.units
      loads.set(l.node_id, row)
    }
  }
  const changed = changedOrders(inForce, draft)

  return (
    <div className="divide-y" aria-label="Simulation comparison">
      <div className="px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">
          {inForce.orders} order(s) replayed on today's stock: nothing was reserved or changed.
          {draft.skipped.length ? ` ${draft.skipped.length} order(s) left out (canceled, sold at a till, or nothing to place).` : ""}
        </Text>
      </div>
      <div className="overflow-x-auto">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Measure</Table.HeaderCell>
              <Table.HeaderCell>Rules in force ({inForce.rule_set_version})</Table.HeaderCell>
              <Table.HeaderCell>Draft ({draft.rule_set_version})</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {metrics.map((m) => (
              <Table.Row key={m.label}>
                <Table.Cell className="min-w-[120px] whitespace-normal py-2">{m.label}</Table.Cell>
                <Table.Cell>{m.now}</Table.Cell>
                <Table.Cell>
                  <span className="inline-flex items-center gap-x-2">
                    {m.next}
                    {m.delta}
                  </span>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>

      <div className="px-6 pb-2 pt-4">
        <Heading level="h3">Load per node</Heading>
      </div>
      {loads.size ? (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Node</Table.HeaderCell>
                <Table.HeaderCell>Daily capacity</Table.HeaderCell>
                <Table.HeaderCell>Units, rules in force</Table.HeaderCell>
                <Table.HeaderCell>Units, draft</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {[...loads.entries()].map(([id, l]) => (
                <Table.Row key={id}>
                  <Table.Cell className="min-w-[140px] whitespace-normal py-2">
                    {l.name} <span className="text-ui-fg-muted">· {l.kind}</span>
                  </Table.Cell>
                  <Table.Cell>{l.capacity ?? "no limit"}</Table.Cell>
                  <Table.Cell>{l.now}</Table.Cell>
                  <Table.Cell>
                    <span className="inline-flex items-center gap-x-2">
                      {l.next}
                      {l.capacity !== null && l.next > l.capacity && (
                        <Badge size="2xsmall" color="orange">
                          over capacity
                        </Badge>
                      )}
                    </span>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      ) : (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No units placed in either run.
        </Text>
      )}

      <div className="px-6 pb-2 pt-4">
        <Heading level="h3">Orders placed differently ({changed.length})</Heading>
      </div>
      {changed.length ? (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Order</Table.HeaderCell>
                <Table.HeaderCell>Rules in force</Table.HeaderCell>
                <Table.HeaderCell>Draft</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {changed.map((row) => (
                <Table.Row key={row.order_id}>
                  <Table.Cell className="min-w-[110px] max-w-[200px] break-all py-2">
                    <Link to={`/orders/${row.order_id}`} className="text-ui-fg-interactive font-mono text-xs hover:underline">
                      {row.order_id}
                    </Link>
                  </Table.Cell>
                  <Table.Cell className="min-w-[120px] whitespace-normal py-2">
                    <Placement outcome={row.in_force} nodeName={nodeName} />
                  </Table.Cell>
                  <Table.Cell className="min-w-[120px] whitespace-normal py-2">
                    <Placement outcome={row.draft} nodeName={nodeName} />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      ) : (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          The draft places every replayed order as the rules in force do.
        </Text>
      )}
    </div>
  )
}
