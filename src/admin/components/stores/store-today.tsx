import { Badge, Button, Heading, Input, Table, Text, toast } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { useMoney } from "../../lib/use-money"
import { apiMessage, sdk } from "../../lib/sdk"
import { storeKeys, usePosMutation } from "../../lib/stores"

type Who = { id: string; name: string | null } | null
type Today = {
  day: { from: string; timezone: string }
  shifts: {
    open: { id: string; register: { name: string | null }; opened_by: Who; opened_at: string; currency_code: string; opening_float: number; expected_cash: number }[]
    closed: {
      id: string
      register: { name: string | null }
      closed_by: Who
      closed_at: string
      currency_code: string
      expected_cash: number
      counted_cash: number
      variance: number
      variance_approved_by: Who
    }[]
  }
  queue: Record<"to_pick" | "to_ship" | "transfers_due" | "to_make_ready" | "pickups_waiting" | "arrivals" | "overdue_holds", number>
  discrepancies: { id: string; created_at: string; sku: string | null; title: string | null; quantity_added: number; reason: string | null; sale_id: string | null; task_id: string | null }[]
  counts_pending_approval: { id: string; label: string; submitted_by: Who; variance_units: number }[]
  offline_sales: { id: string; client_txn_id: string; recorded_at: string; staff: Who; status: string; reason: string | null; order_id: string | null }[]
}

/** The POS page's queue sections, in the order staff work through them, and the holds run out. */
const QUEUE: [keyof Today["queue"], string][] = [
  ["arrivals", "Customers outside"],
  ["pickups_waiting", "Ready, waiting for the customer"],
  ["transfers_due", "Transfers to receive"],
  ["to_make_ready", "Picked: to make ready"],
  ["to_pick", "To pick"],
  ["to_ship", "To ship"],
  ["overdue_holds", "Holds overdue"],
]

/** A time of the store's day on the store's clock, whatever the manager's browser says. */
const timeIn = (timeZone: string) => (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", timeZone }) : "–"

function Block({ title, children, empty }: { title: string; children: React.ReactNode; empty?: string | false }) {
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4">
      <Heading level="h3">{title}</Heading>
      {empty ? (
        <Text size="small" className="text-ui-fg-subtle">
          {empty}
        </Text>
      ) : (
        <div className="overflow-x-auto">{children}</div>
      )}
    </div>
  )
}

function ResolveOffline({ id }: { id: string }) {
  const [note, setNote] = useState("")
  const [open, setOpen] = useState(false)
  const resolve = usePosMutation<{ _id: string; note: string }>((b) => `/admin/pos/offline-sales/${b._id}/resolve`)
  if (!open) {
    return (
      <Button size="small" variant="secondary" onClick={() => setOpen(true)}>
        Resolve
      </Button>
    )
  }
  return (
    <form
      className="flex min-w-[16rem] gap-2"
      onSubmit={(e) => {
        e.preventDefault()
        resolve.mutate(
          { _id: id, note },
          { onSuccess: () => toast.success("Resolved: kept with your note in the audit log"), onError: (error) => toast.error(apiMessage(error)) }
        )
      }}
    >
      <Input size="small" autoFocus placeholder="What was done about it" aria-label="Resolution note" value={note} onChange={(e) => setNote(e.target.value)} />
      <Button size="small" type="submit" isLoading={resolve.isPending}>
        Save
      </Button>
    </form>
  )
}

/** "Today at a store": its shifts and cash, the work queue, stock discrepancies and what the sync kept for a person. */
export function StoreToday({ storeId, currency }: { storeId: string; currency: string }) {
  const money = useMoney(currency)
  const { data, isLoading, error } = useQuery({
    queryKey: storeKeys.today(storeId),
    queryFn: () => sdk.client.fetch<{ today: Today }>(`/admin/pos/stores/${storeId}/today`),
    refetchInterval: 30_000,
  })
  if (isLoading) {
    return <Text className="px-6 py-4">Loading today…</Text>
  }
  if (error || !data) {
    return <Text className="px-6 py-4 text-ui-fg-error">{apiMessage(error)}</Text>
  }
  const { today } = data
  const time = timeIn(today.day.timezone)
  return (
    <div className="divide-y">
      <Text size="xsmall" className="px-6 pt-3 text-ui-fg-subtle">
        Times on the store's clock ({today.day.timezone}).
      </Text>
      <div className="grid grid-cols-2 gap-3 px-6 py-4 sm:grid-cols-4 lg:grid-cols-7">
        {QUEUE.map(([key, label]) => (
          <div key={key} className="rounded-lg border border-ui-border-base px-3 py-2" data-testid={`queue-${key}`}>
            <Text size="xsmall" className="text-ui-fg-subtle">
              {label}
            </Text>
            <Text size="xlarge" weight="plus" className={key === "overdue_holds" && today.queue[key] > 0 ? "text-ui-fg-error" : undefined}>
              {today.queue[key]}
            </Text>
          </div>
        ))}
      </div>
      <Block title="Open shifts" empty={!today.shifts.open.length && "No register is open."}>
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Register</Table.HeaderCell>
              <Table.HeaderCell>Opened by</Table.HeaderCell>
              <Table.HeaderCell>Since</Table.HeaderCell>
              <Table.HeaderCell>Float</Table.HeaderCell>
              <Table.HeaderCell>Cash expected now</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {today.shifts.open.map((s) => (
              <Table.Row key={s.id}>
                <Table.Cell>{s.register.name}</Table.Cell>
                <Table.Cell>{s.opened_by?.name ?? "–"}</Table.Cell>
                <Table.Cell>{time(s.opened_at)}</Table.Cell>
                <Table.Cell>{money(s.opening_float, s.currency_code)}</Table.Cell>
                <Table.Cell>{money(s.expected_cash, s.currency_code)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Block>
      <Block title="Shifts closed today" empty={!today.shifts.closed.length && "No shift closed today."}>
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Register</Table.HeaderCell>
              <Table.HeaderCell>Closed by</Table.HeaderCell>
              <Table.HeaderCell>At</Table.HeaderCell>
              <Table.HeaderCell>Expected</Table.HeaderCell>
              <Table.HeaderCell>Counted</Table.HeaderCell>
              <Table.HeaderCell>Variance</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {today.shifts.closed.map((s) => (
              <Table.Row key={s.id}>
                <Table.Cell>{s.register.name}</Table.Cell>
                <Table.Cell>{s.closed_by?.name ?? "–"}</Table.Cell>
                <Table.Cell>{time(s.closed_at)}</Table.Cell>
                <Table.Cell>{money(s.expected_cash, s.currency_code)}</Table.Cell>
                <Table.Cell>{money(s.counted_cash, s.currency_code)}</Table.Cell>
                <Table.Cell>
                  <Badge size="2xsmall" color={Number(s.variance) === 0 ? "green" : "orange"}>
                    {money(s.variance, s.currency_code)}
                  </Badge>
                  {s.variance_approved_by && (
                    <Text size="xsmall" className="text-ui-fg-subtle">
                      approved by {s.variance_approved_by.name}
                    </Text>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Block>
      <Block title="Stock discrepancies today" empty={!today.discrepancies.length && "None: the shelves matched the system."}>
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>SKU</Table.HeaderCell>
              <Table.HeaderCell>Item</Table.HeaderCell>
              <Table.HeaderCell>Units</Table.HeaderCell>
              <Table.HeaderCell>Why</Table.HeaderCell>
              <Table.HeaderCell>At</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {today.discrepancies.map((d) => (
              <Table.Row key={d.id}>
                <Table.Cell>{d.sku ?? "–"}</Table.Cell>
                <Table.Cell>{d.title ?? "–"}</Table.Cell>
                <Table.Cell>{d.quantity_added > 0 ? `+${d.quantity_added}` : d.quantity_added}</Table.Cell>
                <Table.Cell>{d.reason ?? (d.sale_id ? "sold with the item in hand, system had less" : d.task_id ? "short pick" : "–")}</Table.Cell>
                <Table.Cell>{time(d.created_at)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Block>
      {today.counts_pending_approval.length > 0 && (
        <Block title="Stock counts waiting for a manager">
          <Table>
            <Table.Body>
              {today.counts_pending_approval.map((c) => (
                <Table.Row key={c.id}>
                  <Table.Cell>{c.label}</Table.Cell>
                  <Table.Cell>{c.submitted_by?.name ?? "–"}</Table.Cell>
                  <Table.Cell>{c.variance_units} unit(s) off; a manager approves it at the till</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </Block>
      )}
      <Block title="Offline sales kept for a person" empty={!today.offline_sales.length && "None waiting: every sale a till recorded offline went through."}>
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Sale</Table.HeaderCell>
              <Table.HeaderCell>Recorded</Table.HeaderCell>
              <Table.HeaderCell>By</Table.HeaderCell>
              <Table.HeaderCell>Why</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {today.offline_sales.map((o) => (
              <Table.Row key={o.id}>
                <Table.Cell>
                  {o.client_txn_id}
                  <Badge size="2xsmall" color={o.status === "rejected" ? "red" : "orange"} className="ml-2">
                    {o.status === "rejected" ? "rejected" : "needs attention"}
                  </Badge>
                </Table.Cell>
                <Table.Cell>{new Date(o.recorded_at).toLocaleString([], { timeZone: today.day.timezone, dateStyle: "short", timeStyle: "short" })}</Table.Cell>
                <Table.Cell>{o.staff?.name ?? "–"}</Table.Cell>
                <Table.Cell className="max-w-xs whitespace-normal">{o.reason}</Table.Cell>
                <Table.Cell>
                  <ResolveOffline id={o.id} />
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Block>
    </div>
  )
}
