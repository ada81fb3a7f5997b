import { Badge, Heading, StatusBadge, Table, Text } from "@medusajs/ui"
import { formatAmount } from "../../lib/money"
import { dateTime } from "./format"
import type { StoreReturn, StoreTask } from "./types"

const TASK_STATUS: Record<StoreTask["status"], { label: string; color: "green" | "red" | "orange" | "blue" | "purple" | "grey" }> = {
  open: { label: "To pick", color: "orange" },
  picked: { label: "Picked", color: "blue" },
  ready: { label: "Ready for pickup", color: "purple" },
  shipped: { label: "Shipped", color: "green" },
  collected: { label: "Collected", color: "green" },
  expired: { label: "Expired", color: "red" },
  canceled: { label: "Canceled", color: "grey" },
}

/** Where a task stands, in a sentence: the pickup's state or the parcel's. */
function taskState(task: StoreTask): string | null {
  if (task.kind === "pickup") {
    switch (task.status) {
      case "ready":
        return task.arrived_at
          ? `Customer arrived ${dateTime(task.arrived_at)}${task.arrival_note ? ` (“${task.arrival_note}”)` : ""}; ready since ${dateTime(task.ready_at)}`
          : `Ready since ${dateTime(task.ready_at)}, held until ${dateTime(task.expires_at)}`
      case "collected":
        return `Collected ${dateTime(task.collected_at)} (ready ${dateTime(task.ready_at)})`
      case "expired":
        return `Not collected by ${dateTime(task.expires_at)}: released`
      case "canceled":
        return "Nothing left to hand over here"
      default:
        return "Being prepared for pickup"
    }
  }
  if (task.status === "shipped") {
    return `Shipped ${dateTime(task.shipped_at)}${task.tracking_number ? ` · tracking ${task.tracking_number}` : ""}`
  }
  return task.status === "canceled" ? "Nothing left to ship from here (short-picked and routed elsewhere)" : null
}

function TaskCard({ task }: { task: StoreTask }) {
  const status = TASK_STATUS[task.status] ?? { label: task.status, color: "grey" as const }
  const transfers = task.lines.some((l) => l.from_node_id)
  const state = taskState(task)
  return (
    <div className="flex flex-col gap-y-2 py-3" data-task-id={task.id}>
      <div className="flex flex-wrap items-center justify-between gap-2 px-6">
        <div className="flex flex-wrap items-center gap-2">
          <Text size="small" weight="plus">
            {task.store_name ?? task.store_id}
          </Text>
          <Badge size="2xsmall">{task.kind === "pickup" ? "Pickup" : "Ship from store"}</Badge>
        </div>
        <StatusBadge color={status.color}>{status.label}</StatusBadge>
      </div>
      {state && (
        <Text size="small" className="text-ui-fg-subtle px-6">
          {state}
        </Text>
      )}
      {task.note && (
        <Text size="small" className="text-ui-fg-subtle px-6">
          {task.note}
        </Text>
      )}
      <div className="overflow-x-auto">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Item</Table.HeaderCell>
              <Table.HeaderCell>Qty</Table.HeaderCell>
              <Table.HeaderCell>Picked</Table.HeaderCell>
              <Table.HeaderCell>Short</Table.HeaderCell>
              {transfers && <Table.HeaderCell>From</Table.HeaderCell>}
              {transfers && <Table.HeaderCell>Received</Table.HeaderCell>}
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {task.lines.map((line, i) => (
              <Table.Row key={`${line.line_item_id}-${i}`}>
                <Table.Cell className="min-w-[160px] whitespace-normal py-2">
                  <Text size="small" className="text-ui-fg-base">
                    {line.title}
                  </Text>
                  {line.sku && (
                    <Text size="xsmall" className="text-ui-fg-muted font-mono">
                      {line.sku}
                    </Text>
                  )}
                </Table.Cell>
                <Table.Cell>{line.quantity}</Table.Cell>
                <Table.Cell>{line.picked}</Table.Cell>
                <Table.Cell className={line.short ? "text-ui-fg-error" : undefined}>{line.short}</Table.Cell>
                {transfers && <Table.Cell className="whitespace-nowrap">{line.from_node_name ?? "this store"}</Table.Cell>}
                {transfers && (
                  <Table.Cell className="whitespace-nowrap">
                    {line.from_node_id ? `${line.received ?? 0} of ${line.quantity}${line.missing ? ` · ${line.missing} missing` : ""}` : "–"}
                  </Table.Cell>
                )}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
      <Text size="xsmall" className="text-ui-fg-muted px-6">
        Created {dateTime(task.created_at)}
        {task.ready_at && task.status !== "ready" && task.status !== "collected" ? ` · ready ${dateTime(task.ready_at)}` : ""}
        {task.kind === "ship" && task.tracking_number && task.status !== "shipped" ? ` · tracking ${task.tracking_number}` : ""}
      </Text>
    </div>
  )
}

function ReturnCard({ taken, decimals }: { taken: StoreReturn; decimals: number }) {
  const refund =
    taken.refund_to === "store_credit" ? "as store credit" : taken.exchange_id ? "in an exchange" : "to the original payment"
  return (
    <div className="flex flex-col gap-y-1 px-6 py-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Text size="small" weight="plus">
          {taken.store_name ?? taken.store_id}
        </Text>
        <StatusBadge color={taken.status === "refund_failed" ? "red" : taken.status === "receiving" ? "orange" : "green"}>
          {taken.status.replace(/_/g, " ")}
        </StatusBadge>
      </div>
      <Text size="small" className="text-ui-fg-subtle">
        Received {dateTime(taken.received_at)}
        {taken.staff_name ? ` by ${taken.staff_name}` : ""} ·{" "}
        {taken.amount ? `${formatAmount(taken.amount, taken.currency_code, decimals)} ${refund}` : "nothing to refund"}
        {taken.refunded_at ? `, refunded ${dateTime(taken.refunded_at)}` : ""}
      </Text>
      <Text size="small">
        {taken.lines.map((l) => `${l.title ?? l.line_item_id} × ${l.quantity}${l.disposition ? ` (${l.disposition})` : ""}`).join(", ")}
      </Text>
      {taken.failure_reason && (
        <Text size="small" className="text-ui-fg-error">
          {taken.failure_reason}
        </Text>
      )}
    </div>
  )
}

/** The stores' work on the order (pick, ship, pickup) and the returns taken at their counters. */
export function OrderStoreWork({ tasks, returns, decimals }: { tasks: StoreTask[]; returns: StoreReturn[]; decimals: number }) {
  return (
    <>
      {tasks.length > 0 && (
        <div className="flex flex-col">
          <div className="px-6 pt-4">
            <Heading level="h3">Store tasks</Heading>
          </div>
          <div className="divide-y">
            {tasks.map((t) => (
              <TaskCard key={t.id} task={t} />
            ))}
          </div>
        </div>
      )}
      {returns.length > 0 && (
        <div className="flex flex-col">
          <div className="px-6 pt-4">
            <Heading level="h3">Returns in stores</Heading>
          </div>
          <div className="divide-y">
            {returns.map((r) => (
              <ReturnCard key={r.id} taken={r} decimals={decimals} />
            ))}
          </div>
        </div>
      )}
    </>
  )
}
