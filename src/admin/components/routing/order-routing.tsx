import { TriangleDownMini, TriangleRightMini } from "@medusajs/icons"
import { Alert, Badge, StatusBadge, Table, Text } from "@medusajs/ui"
import { useState, type ReactNode } from "react"
import { dateTime, km, METHOD_TEXT, traceSentences } from "./format"
import type { RoutingDecision } from "./types"

/** A toggle that shows more below it (collapsed first, to keep the order page short). */
export function Expander({ label, children, defaultOpen = false }: { label: string; children: ReactNode; defaultOpen?: boolean }) {
  const [open, setOpen] = useState(defaultOpen)
  return (
    <div className="flex flex-col gap-y-2">
      <button
        type="button"
        aria-expanded={open}
        className="txt-compact-small-plus text-ui-fg-subtle hover:text-ui-fg-base flex items-center gap-x-1 self-start"
        onClick={() => setOpen(!open)}
      >
        {open ? <TriangleDownMini /> : <TriangleRightMini />}
        {label}
      </button>
      {open && children}
    </div>
  )
}

/** The engine's reason with the order's line titles instead of ids. */
export function readableReason(reason: string, lineTitle: (lineId: string) => string) {
  const text = reason
    .replace(/ordli_[A-Za-z0-9]+(#\d+)?/g, (id) => `“${lineTitle(id)}”`)
    .replace(/iitem_[A-Za-z0-9]+/g, "its item")
    .trim()
  return /[.!?]$/.test(text) ? text : `${text}.`
}

export function DecisionStatus({ decision }: { decision: RoutingDecision }) {
  return <StatusBadge color={decision.status === "routed" ? "green" : "red"}>{decision.status === "routed" ? "Routed" : "Unroutable"}</StatusBadge>
}

/** Where a decision sent the order: units per node, with the node's distance and the lines it sends. */
function Allocations({ decision, lineTitle }: { decision: RoutingDecision; lineTitle: (lineId: string) => string }) {
  const candidates = new Map((decision.trace?.candidates ?? []).map((c) => [c.node_id, c]))
  const nodes = new Map<string, { units: number; lines: string[] }>()
  for (const a of decision.allocations ?? []) {
    const row = nodes.get(a.node_id) ?? { units: 0, lines: [] }
    row.units += a.quantity
    row.lines.push(`${lineTitle(a.line_id)} × ${a.quantity}`)
    nodes.set(a.node_id, row)
  }
  if (!nodes.size) {
    return null
  }
  return (
    <div className="overflow-x-auto">
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Sent from</Table.HeaderCell>
            <Table.HeaderCell>Units</Table.HeaderCell>
            <Table.HeaderCell>Distance</Table.HeaderCell>
            <Table.HeaderCell>Lines</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {[...nodes.entries()].map(([id, row]) => {
            const c = candidates.get(id)
            return (
              <Table.Row key={id}>
                <Table.Cell className="whitespace-nowrap">
                  <Text size="small" weight="plus" className="text-ui-fg-base">
                    {c?.name ?? id}
                  </Text>
                  {c && (
                    <Text size="xsmall" className="text-ui-fg-muted">
                      {c.kind}
                    </Text>
                  )}
                </Table.Cell>
                <Table.Cell>{row.units}</Table.Cell>
                <Table.Cell className="whitespace-nowrap">{km(c?.distance_km)}</Table.Cell>
                <Table.Cell className="min-w-[200px] whitespace-normal py-2">{row.lines.join(", ")}</Table.Cell>
              </Table.Row>
            )
          })}
        </Table.Body>
      </Table>
    </div>
  )
}

function Trace({ decision }: { decision: RoutingDecision }) {
  if (!decision.trace) {
    return null
  }
  const names = new Map(decision.trace.candidates.map((c) => [c.node_id, c.name]))
  const sentences = traceSentences(decision.trace, (id) => names.get(id) ?? id)
  return (
    <ol className="text-ui-fg-subtle txt-compact-small flex list-decimal flex-col gap-y-1 pl-5" aria-label="How it was decided">
      {sentences.map((s, i) => (
        <li key={i}>{s}</li>
      ))}
    </ol>
  )
}

function DecisionSummary({ decision }: { decision: RoutingDecision }) {
  return (
    <Text size="small" className="text-ui-fg-subtle">
      {dateTime(decision.created_at)} · rule set <span className="text-ui-fg-base font-mono">{decision.rule_set_version}</span>
      {decision.trace ? ` · ${METHOD_TEXT[decision.trace.method] ?? decision.trace.method}` : ""}
      {decision.shipments > 1 ? ` · ${decision.shipments} shipments` : ""}
    </Text>
  )
}

/** The decision in force for the order, how it was reached, and the decisions before it. */
export function OrderRouting({
  decision,
  history,
  lineTitle,
  rerouteStore,
}: {
  decision: RoutingDecision
  history: RoutingDecision[]
  lineTitle: (lineId: string) => string
  /** the store whose short pick made this decision */
  rerouteStore?: string | null
}) {
  const earlier = history.filter((d) => d.id !== decision.id)
  return (
    <>
      <div className="flex flex-col gap-y-2 px-6 py-4">
        <DecisionSummary decision={decision} />
        {decision.rerouted_from_task_id && (
          <Text size="small" className="text-ui-fg-subtle">
            Units short-picked{rerouteStore ? ` at ${rerouteStore}` : ""} were placed again: this decision covers them; what was placed before is under
            earlier decisions.
          </Text>
        )}
        {decision.status === "unroutable" && decision.reason && (
          <Alert variant="warning">
            {readableReason(decision.reason, lineTitle)} The scheduled job tries again every 15 minutes.
          </Alert>
        )}
      </div>
      <Allocations decision={decision} lineTitle={lineTitle} />
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <Expander label="How it was decided">
          <Trace decision={decision} />
        </Expander>
        {earlier.length > 0 && (
          <Expander label={`Earlier decisions (${earlier.length})`}>
            <ul className="flex flex-col gap-y-3">
              {earlier.map((d) => {
                const names = new Map((d.trace?.candidates ?? []).map((c) => [c.node_id, c.name]))
                const units = new Map<string, number>()
                for (const a of d.allocations ?? []) {
                  units.set(a.node_id, (units.get(a.node_id) ?? 0) + a.quantity)
                }
                return (
                  <li key={d.id} className="flex flex-col gap-y-1 border-l-2 pl-3">
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge size="2xsmall" color={d.status === "routed" ? "green" : "red"}>
                        {d.status}
                      </Badge>
                      <DecisionSummary decision={d} />
                    </div>
                    <Text size="small">
                      {units.size
                        ? [...units.entries()].map(([id, n]) => `${names.get(id) ?? id} × ${n}`).join(", ")
                        : d.reason
                          ? readableReason(d.reason, lineTitle)
                          : "Nothing placed"}
                    </Text>
                    <Expander label="How it was decided">
                      <Trace decision={d} />
                    </Expander>
                  </li>
                )
              })}
            </ul>
          </Expander>
        )}
      </div>
    </>
  )
}
