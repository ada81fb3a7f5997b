import { TriangleDownMini, TriangleRightMini } from "@medusajs/icons"
import { Badge, IconButton, Table, Text } from "@medusajs/ui"
import { Fragment, useState } from "react"
import { Link } from "react-router-dom"
import type { AuditEntry } from "./api"

const day = (value: string) => new Date(value).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" })
const time = (value: string) => new Date(value).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" })
/** "pos_store_task" → "store task" */
const recordKind = (type: string | null) => (type ?? "record").replace(/^pos_/, "").replace(/_/g, " ")

const ACTOR_COLOR = { staff: "blue", user: "purple", system: "grey" } as const

/** The audit rows: when, what, who, where, on what; each with its details behind an expander. */
export function AuditTable({
  entries,
  staffName,
  storeName,
}: {
  entries: AuditEntry[]
  staffName: (id: string) => string | undefined
  storeName: (id: string) => string | undefined
}) {
  const [open, setOpen] = useState<Set<string>>(new Set())
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current)
      next.has(id) ? next.delete(id) : next.add(id)
      return next
    })
  const who = (e: AuditEntry) =>
    e.actor_type === "staff" ? staffName(e.actor_id) ?? `Staff ${e.actor_id}` : e.actor_type === "user" ? "Admin" : "System"

  return (
    <div className="overflow-x-auto">
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell className="w-8" />
            <Table.HeaderCell>Time</Table.HeaderCell>
            <Table.HeaderCell>Action</Table.HeaderCell>
            <Table.HeaderCell>Who</Table.HeaderCell>
            <Table.HeaderCell>Store</Table.HeaderCell>
            <Table.HeaderCell>Record</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {entries.map((e) => (
            <Fragment key={e.id}>
              <Table.Row data-audit-row={e.action}>
                <Table.Cell>
                  <IconButton
                    size="2xsmall"
                    variant="transparent"
                    aria-label={open.has(e.id) ? `Hide details of ${e.action}` : `Show details of ${e.action}`}
                    aria-expanded={open.has(e.id)}
                    onClick={() => toggle(e.id)}
                  >
                    {open.has(e.id) ? <TriangleDownMini /> : <TriangleRightMini />}
                  </IconButton>
                </Table.Cell>
                <Table.Cell className="whitespace-nowrap py-2">
                  <Text size="small" className="text-ui-fg-base">
                    {day(e.created_at)}
                  </Text>
                  <Text size="xsmall" className="text-ui-fg-muted">
                    {time(e.created_at)}
                  </Text>
                </Table.Cell>
                <Table.Cell className="whitespace-nowrap font-mono text-xs">{e.action}</Table.Cell>
                <Table.Cell className="whitespace-nowrap">
                  <Badge size="2xsmall" color={ACTOR_COLOR[e.actor_type] ?? "grey"}>
                    {who(e)}
                  </Badge>
                </Table.Cell>
                <Table.Cell className="whitespace-nowrap">{e.store_id ? storeName(e.store_id) ?? e.store_id : "–"}</Table.Cell>
                <Table.Cell className="min-w-[150px] max-w-[240px] py-2">
                  {e.resource_id ? (
                    <>
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {recordKind(e.resource_type)}
                      </Text>
                      {e.resource_type === "order" ? (
                        <Link to={`/orders/${e.resource_id}`} className="text-ui-fg-interactive break-all font-mono text-xs hover:underline">
                          {e.resource_id}
                        </Link>
                      ) : (
                        <span className="break-all font-mono text-xs">{e.resource_id}</span>
                      )}
                    </>
                  ) : (
                    "–"
                  )}
                </Table.Cell>
              </Table.Row>
              {open.has(e.id) && (
                <Table.Row className="bg-ui-bg-subtle hover:bg-ui-bg-subtle">
                  <td colSpan={6} className="py-3">
                    {/* on a phone the table scrolls sideways: the details stay in view */}
                    <div className="sticky left-6 w-[calc(100vw-4.5rem)] sm:static sm:w-auto">
                      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs">
                        <dt className="text-ui-fg-subtle">Actor</dt>
                        <dd className="font-mono">
                          {e.actor_type} {e.actor_id}
                        </dd>
                        {e.approved_by && (
                          <>
                            <dt className="text-ui-fg-subtle">Approved by</dt>
                            <dd>{staffName(e.approved_by) ?? e.approved_by}</dd>
                          </>
                        )}
                        <dt className="text-ui-fg-subtle">Request</dt>
                        <dd className="font-mono">{e.request_id ?? "–"}</dd>
                      </dl>
                      <pre className="bg-ui-bg-base txt-compact-xsmall mt-2 max-h-80 overflow-auto whitespace-pre-wrap break-all rounded-md border p-2 font-mono">
                        {e.data && Object.keys(e.data).length ? JSON.stringify(e.data, null, 2) : "No details recorded."}
                      </pre>
                    </div>
                  </td>
                </Table.Row>
              )}
            </Fragment>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}
