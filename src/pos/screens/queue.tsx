import { ArrowLeft } from "@medusajs/icons"
import { Badge, Button, Heading, Input, Label, Select, Text } from "@medusajs/ui"
import React, { useCallback, useEffect, useMemo, useRef, useState } from "react"
import { IconKey } from "../components/keys"
import { ApiError } from "../lib/api"
import { groupQueue, isTransfer, nextStep, orderLabel, SECTION_TITLES, shelfLines, stillOut } from "../lib/tasks"
import type { Task, TaskLine } from "../lib/types"
import { usePos } from "../state"
import { useWorkQueue } from "../work-queue"
import { printHtml } from "./receipt"

const ago = (iso: string) => {
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60_000))
  return minutes < 60 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`
}

/** The store's work: curbside arrivals, pickups ready, transfers to receive, picks and shipments, oldest first. */
export function WorkQueue(props: { onOpen: (task: Task) => void }) {
  const { tasks, error } = useWorkQueue()
  if (!tasks) return <p className="text-ui-fg-subtle p-6">{error ? `The queue could not load: ${error}` : "Loading the queue…"}</p>
  const groups = groupQueue(tasks)
  return (
    <main className="flex-1 overflow-y-auto p-3 sm:p-4" data-testid="work-queue">
      {!groups.length && <p className="text-ui-fg-subtle p-6 text-center">Nothing to do: no pickups, shipments or transfers waiting.</p>}
      {groups.map(({ section, tasks }) => (
        <section key={section} className="mb-5" aria-label={SECTION_TITLES[section]} data-testid={`queue-${section}`}>
          <Heading level="h3" className={`mb-2 ${section === "arrivals" ? "text-ui-fg-error" : ""}`}>
            {SECTION_TITLES[section]} · {tasks.length}
          </Heading>
          <ul className="flex flex-col gap-2">
            {tasks.map((task) => (
              <li key={task.id}>
                <button
                  type="button"
                  onClick={() => props.onOpen(task)}
                  className={`pos-target bg-ui-bg-base shadow-elevation-card-rest hover:bg-ui-bg-base-hover flex w-full flex-wrap items-center gap-x-3 gap-y-1 rounded-lg p-3 text-left ${
                    section === "arrivals" ? "border-ui-fg-error border-2" : ""
                  }`}
                  data-testid="queue-row"
                >
                  <span className="font-semibold tabular-nums">{orderLabel(task)}</span>
                  <span className="min-w-0 flex-1 truncate">{task.order?.customer_name ?? ""}</span>
                  <Badge size="small" color={task.kind === "pickup" ? "blue" : "purple"}>
                    {task.kind === "pickup" ? "Pickup" : isTransfer(task) ? "Transfer" : "Ship"}
                  </Badge>
                  <span className="text-ui-fg-subtle txt-compact-small w-full sm:w-auto">
                    {nextStep(task)} · {task.lines.reduce((s, l) => s + l.quantity, 0)} unit(s) · {ago(task.arrived_at ?? task.created_at)}
                  </span>
                  {task.arrival_note && section === "arrivals" && <span className="text-ui-fg-error w-full font-semibold">{task.arrival_note}</span>}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  )
}

/**
 * Matches a scanned code to a line: by its SKU, or by any code of the catalogue's variant (barcode,
 * EAN, UPC) whose SKU is the line's. Null for an item that is not on the list.
 */
function useLineMatcher() {
  const { catalog, setup } = usePos()
  return useCallback(
    async (code: string, lines: TaskLine[]) => {
      const wanted = code.trim().toLowerCase()
      const bySku = lines.filter((l) => l.sku?.toLowerCase() === wanted)
      if (bySku.length) return bySku
      const variant = catalog && setup ? await catalog.byCode(setup.store_id, code).catch(() => null) : null
      return variant?.sku ? lines.filter((l) => l.sku === variant.sku) : []
    },
    [catalog, setup]
  )
}

/** A scan field that keeps the focus for a keyboard-wedge scanner, and takes typing too. */
function ScanField(props: { label: string; onScan: (code: string) => void; testId: string; disabled?: boolean; placeholder?: string }) {
  const [value, setValue] = useState("")
  const ref = useRef<HTMLInputElement>(null)
  useEffect(() => ref.current?.focus(), [])
  return (
    <form
      className="flex gap-2"
      onSubmit={(e) => {
        e.preventDefault()
        const code = value.trim()
        if (code) props.onScan(code)
        setValue("")
      }}
    >
      <div className="min-w-0 flex-1">
        <Input
          ref={ref}
          aria-label={props.label}
          placeholder={props.placeholder ?? props.label}
          value={value}
          disabled={props.disabled}
          onChange={(e) => setValue(e.target.value)}
          className="pos-target w-full"
          autoComplete="off"
          data-testid={props.testId}
        />
      </div>
      <Button type="submit" variant="secondary" className="pos-target" disabled={props.disabled}>
        Enter
      </Button>
    </form>
  )
}

/** One task: pick by scanning, ship, receive a transfer, make ready, hand over. */
export function TaskView(props: { task: Task; onBack: () => void }) {
  const { api, info, fail } = usePos()
  const { refresh } = useWorkQueue()
  const [task, setTask] = useState<Task>(props.task)
  const [notice, setNotice] = useState<string | null>(null)

  const reload = useCallback(async () => {
    const { task: fresh } = await api.get<{ task: Task }>(`/terminal/tasks/${props.task.id}`)
    setTask({ ...fresh, order: props.task.order })
    void refresh()
  }, [api, props.task.id, props.task.order, refresh])

  useEffect(() => {
    reload().catch(fail)
  }, [reload, fail])

  const done = ["collected", "shipped", "canceled", "expired"].includes(task.status)
  const out = task.lines.reduce((s, l) => s + stillOut(l), 0)

  return (
    <main className="flex-1 overflow-y-auto p-3 sm:p-4" data-testid="task-view">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <IconKey label="Back to the queue" onClick={props.onBack}>
          <ArrowLeft />
        </IconKey>
        <Heading level="h2" className="flex-1">
          {task.kind === "pickup" ? "Pickup" : isTransfer(task) ? "Transfer" : "Ship"} {orderLabel(task)} {task.order?.customer_name ? `· ${task.order.customer_name}` : ""}
        </Heading>
        <Badge size="small" data-testid="task-status">
          {task.status}
        </Badge>
        <Button variant="secondary" className="pos-target" onClick={() => printHtml(packingSlip(task, info?.store.name ?? ""))} data-testid="print-slip">
          Packing slip
        </Button>
      </div>
      {task.note && <Text className="text-ui-fg-subtle mb-2">{task.note}</Text>}
      {task.arrived_at && task.status === "ready" && (
        <div role="status" className="bg-ui-tag-red-bg text-ui-tag-red-text mb-3 rounded-lg p-3 font-semibold" data-testid="arrival-note">
          The customer is outside{task.arrival_note ? `: ${task.arrival_note}` : ""} (checked in {ago(task.arrived_at)})
        </div>
      )}
      {notice && (
        <div role="status" className="bg-ui-tag-green-bg text-ui-tag-green-text mb-3 rounded-lg p-3" data-testid="task-notice">
          {notice}
        </div>
      )}

      {task.status === "open" && shelfLines(task).length > 0 ? (
        <PickPanel task={task} onPicked={(message) => (setNotice(message), reload().catch(fail))} />
      ) : (
        <Lines task={task} />
      )}
      {task.kind === "pickup" && !done && out > 0 && task.status !== "ready" && (
        <ReceivePanel task={task} onReceived={(message) => (setNotice(message), reload().catch(fail))} />
      )}
      {task.kind === "ship" && task.status === "picked" && <ShipPanel task={task} onShipped={(message) => (setNotice(message), reload().catch(fail))} />}
      {task.kind === "pickup" && !done && task.status !== "ready" && out === 0 && (task.status === "picked" || !shelfLines(task).length) && (
        <ReadyPanel task={task} onReady={(message) => (setNotice(message), reload().catch(fail))} onPicked={reload} />
      )}
      {task.status === "ready" && <HandOverPanel task={task} onCollected={(message) => (setNotice(message), reload().catch(fail))} />}
    </main>
  )
}

function Lines(props: { task: Task }) {
  return (
    <ul className="mb-4 flex flex-col gap-1" aria-label="Lines" data-testid="task-lines">
      {props.task.lines.map((line, i) => (
        <li key={`${line.line_item_id}-${i}`} className="bg-ui-bg-base flex flex-wrap items-center gap-x-3 rounded-md p-2">
          <span className="min-w-[12rem] flex-1">
            {line.quantity} × {line.title} <span className="text-ui-fg-subtle">{line.sku}</span>
          </span>
          <span className="text-ui-fg-subtle txt-compact-small basis-full sm:basis-auto">
            {line.from_node_id
              ? `from ${line.from_node_name}: ${line.received ?? 0} of ${line.quantity} here${line.missing ? `, ${line.missing} missing` : ""}`
              : line.short
                ? `${line.picked} picked, ${line.short} short`
                : props.task.status === "open"
                  ? "to pick"
                  : `${line.picked} picked`}
          </span>
        </li>
      ))}
    </ul>
  )
}

/** A pick list: each scan confirms a unit of its line; an item not on the list is refused. A short pick needs a reason. */
function PickPanel(props: { task: Task; onPicked: (message: string) => void }) {
  const { api, fail } = usePos()
  const match = useLineMatcher()
  const lines = shelfLines(props.task)
  const [picked, setPicked] = useState<Record<string, number>>({})
  const [refusal, setRefusal] = useState<string | null>(null)
  const [shortOpen, setShortOpen] = useState(false)
  const [reason, setReason] = useState("missing")
  const [busy, setBusy] = useState(false)
  const countOf = (l: TaskLine) => picked[l.line_item_id] ?? 0
  const complete = lines.every((l) => countOf(l) >= l.quantity)

  async function scan(code: string) {
    const candidates = await match(code, lines)
    if (!candidates.length) {
      setRefusal(`${code} is not on this pick list`)
      return
    }
    const line = candidates.find((l) => countOf(l) < l.quantity)
    if (!line) {
      setRefusal(`All ${candidates[0].quantity} of ${candidates[0].title} are picked already`)
      return
    }
    setRefusal(null)
    setPicked((p) => ({ ...p, [line.line_item_id]: (p[line.line_item_id] ?? 0) + 1 }))
  }

  async function confirm(short: boolean) {
    setBusy(true)
    try {
      const answer = await api.post<{ task: Task; reroute: any }>(`/terminal/tasks/${props.task.id}/pick`, {
        lines: lines.map((l) => ({ line_item_id: l.line_item_id, picked: Math.min(countOf(l), l.quantity) })),
        ...(short ? { reason } : {}),
      })
      props.onPicked(short ? rerouteMessage(answer.reroute) : "Picked: every line is on the bench")
      setShortOpen(false)
    } catch (error) {
      fail(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-label="Pick" className="mb-4 flex flex-col gap-3">
      <ScanField label="Scan an item to pick" onScan={(code) => void scan(code)} testId="pick-scan" disabled={busy} />
      {refusal && (
        <Text role="alert" className="text-ui-fg-error" data-testid="pick-refusal">
          {refusal}
        </Text>
      )}
      <ul className="flex flex-col gap-1" aria-label="Pick list" data-testid="pick-list">
        {lines.map((line) => (
          <li key={line.line_item_id} className={`flex items-center gap-2 rounded-md p-2 ${countOf(line) >= line.quantity ? "bg-ui-tag-green-bg" : "bg-ui-bg-base"}`}>
            <span className="min-w-0 flex-1">
              {line.title} <span className="text-ui-fg-subtle">{line.sku}</span>
            </span>
            <IconKey label={`One less ${line.title}`} onClick={() => setPicked((p) => ({ ...p, [line.line_item_id]: Math.max(0, countOf(line) - 1) }))}>
              −
            </IconKey>
            <span className="w-16 text-center tabular-nums" data-testid="pick-count">
              {countOf(line)} / {line.quantity}
            </span>
            <IconKey
              label={`One more ${line.title}`}
              onClick={() => setPicked((p) => ({ ...p, [line.line_item_id]: Math.min(line.quantity, countOf(line) + 1) }))}
            >
              +
            </IconKey>
          </li>
        ))}
      </ul>
      {props.task.lines.some((l) => l.from_node_id) && (
        <Text className="text-ui-fg-subtle">Lines coming from another node are received, not picked: they show once the pick is confirmed.</Text>
      )}
      <div className="flex flex-wrap gap-2">
        <Button size="large" className="pos-target" disabled={!complete || busy} isLoading={busy && !shortOpen} onClick={() => void confirm(false)} data-testid="confirm-pick">
          Confirm pick
        </Button>
        <Button size="large" variant="secondary" className="pos-target" disabled={complete || busy} onClick={() => setShortOpen(true)} data-testid="short-pick">
          Short pick…
        </Button>
      </div>
      {shortOpen && (
        <div className="bg-ui-bg-base flex flex-wrap items-end gap-2 rounded-lg p-3" data-testid="short-pick-form">
          <div className="flex flex-col gap-1">
            <Label htmlFor="short-reason">Why are units missing?</Label>
            <Select value={reason} onValueChange={setReason}>
              <Select.Trigger id="short-reason" className="pos-target w-48">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="missing">Not on the shelf</Select.Item>
                <Select.Item value="damaged">Damaged</Select.Item>
                <Select.Item value="wrong item in the bin">Wrong item in the bin</Select.Item>
              </Select.Content>
            </Select>
          </div>
          <Button className="pos-target" isLoading={busy} onClick={() => void confirm(true)} data-testid="confirm-short-pick">
            Send the rest elsewhere
          </Button>
        </div>
      )}
    </section>
  )
}

/** Where the routing sent what this store could not pick, in words. */
function rerouteMessage(reroute: any): string {
  if (!reroute) return "Picked"
  if (reroute.status !== "routed") return `Short pick recorded. The rest could not be placed yet: ${reroute.reason ?? "no node has it"} (it is retried)`
  const names = new Map<string, string>(((reroute.trace?.candidates ?? []) as any[]).map((c) => [c.node_id, c.name]))
  const where = [...new Set(((reroute.allocations ?? []) as any[]).map((a) => names.get(a.node_id) ?? a.node_id))]
  return `Short pick recorded. The rest goes to ${where.join(", ")}`
}

const CARRIERS = ["UPS", "USPS", "FedEx", "DHL", "Local courier"]

function ShipPanel(props: { task: Task; onShipped: (message: string) => void }) {
  const { api, fail } = usePos()
  const [tracking, setTracking] = useState("")
  const [carrier, setCarrier] = useState(CARRIERS[0])
  const [busy, setBusy] = useState(false)
  async function ship(e: React.FormEvent) {
    e.preventDefault()
    setBusy(true)
    try {
      await api.post(`/terminal/tasks/${props.task.id}/ship`, { tracking_number: tracking.trim(), carrier })
      props.onShipped(`Shipped with ${carrier}, tracking ${tracking.trim()}`)
    } catch (error) {
      fail(error)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form onSubmit={ship} className="bg-ui-bg-base mb-4 flex flex-wrap items-end gap-2 rounded-lg p-3" aria-label="Ship" data-testid="ship-form">
      <div className="flex flex-col gap-1">
        <Label htmlFor="carrier">Carrier</Label>
        <Select value={carrier} onValueChange={setCarrier}>
          <Select.Trigger id="carrier" className="pos-target w-40">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {CARRIERS.map((c) => (
              <Select.Item key={c} value={c}>
                {c}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      <div className="flex min-w-[12rem] flex-1 flex-col gap-1">
        <Label htmlFor="tracking">Tracking number (scan the label or type it)</Label>
        <Input id="tracking" value={tracking} onChange={(e) => setTracking(e.target.value)} className="pos-target" autoComplete="off" data-testid="tracking-number" />
      </div>
      <Button type="submit" size="large" className="pos-target" isLoading={busy} disabled={tracking.trim().length < 3} data-testid="ship">
        Ship
      </Button>
    </form>
  )
}

/** Scan in what arrived for a pickup: each scan counts a unit of its transfer line; what was sent and did not come is recorded. */
function ReceivePanel(props: { task: Task; onReceived: (message: string) => void }) {
  const { api, fail } = usePos()
  const match = useLineMatcher()
  const transfers = props.task.lines.filter((l) => l.from_node_id)
  const initial = useMemo(
    () =>
      Object.fromEntries(transfers.map((l) => [l.line_item_id, transfers.filter((t) => t.line_item_id === l.line_item_id).reduce((s, t) => s + (t.received ?? 0), 0)])),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [props.task]
  )
  const [here, setHere] = useState<Record<string, number>>(initial)
  const [refusal, setRefusal] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const wanted = useMemo(() => {
    const m: Record<string, { title: string; sku: string | null; quantity: number; from: string }> = {}
    for (const l of transfers) {
      const entry = (m[l.line_item_id] ??= { title: l.title, sku: l.sku, quantity: 0, from: l.from_node_name ?? "" })
      entry.quantity += l.quantity
    }
    return m
  }, [transfers])

  async function scan(code: string) {
    const lines = await match(code, transfers)
    const line = lines.find((l) => (here[l.line_item_id] ?? 0) < wanted[l.line_item_id].quantity)
    if (!line) {
      setRefusal(lines.length ? `All of ${lines[0].title} are in already` : `${code} is not in this transfer`)
      return
    }
    setRefusal(null)
    setHere((h) => ({ ...h, [line.line_item_id]: (h[line.line_item_id] ?? 0) + 1 }))
  }

  async function record() {
    setBusy(true)
    try {
      // only the lines scanned now: a parcel of another sender still on its way is not recorded missing
      const lines = Object.entries(here)
        .filter(([id, n]) => n !== initial[id])
        .map(([line_item_id, received]) => ({ line_item_id, received }))
      if (!lines.length) {
        setRefusal("Scan what arrived first")
        return
      }
      const answer = await api.post<{ task: Task; missing: { title: string; units: number }[] }>(`/terminal/tasks/${props.task.id}/receive`, { lines })
      props.onReceived(
        answer.missing.length
          ? `Received. Missing: ${answer.missing.map((m) => `${m.units} × ${m.title}`).join(", ")} (recorded)`
          : "Received: everything sent is here"
      )
    } catch (error) {
      fail(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-label="Receive a transfer" className="bg-ui-bg-base mb-4 flex flex-col gap-3 rounded-lg p-3" data-testid="receive-panel">
      <Heading level="h3">Receive what arrived</Heading>
      <ScanField label="Scan an item that arrived" onScan={(code) => void scan(code)} testId="receive-scan" disabled={busy} />
      {refusal && (
        <Text role="alert" className="text-ui-fg-error">
          {refusal}
        </Text>
      )}
      <ul className="flex flex-col gap-1">
        {Object.entries(wanted).map(([id, w]) => (
          <li key={id} className="flex items-center gap-2">
            <span className="min-w-0 flex-1">
              {w.title} <span className="text-ui-fg-subtle">from {w.from}</span>
            </span>
            <span className="tabular-nums" data-testid="receive-count">
              {here[id] ?? 0} / {w.quantity}
            </span>
          </li>
        ))}
      </ul>
      <Button className="pos-target self-start" isLoading={busy} onClick={() => void record()} data-testid="record-receipt">
        Record what arrived
      </Button>
    </section>
  )
}

function ReadyPanel(props: { task: Task; onReady: (message: string) => void; onPicked: () => Promise<void> }) {
  const { api, fail } = usePos()
  const [busy, setBusy] = useState(false)
  async function ready() {
    setBusy(true)
    try {
      // a pickup whose every unit came from elsewhere has nothing to pick here: confirm it first
      if (props.task.status === "open") {
        await api.post(`/terminal/tasks/${props.task.id}/pick`, {})
        // the task is picked now, whatever happens next: a retry only makes it ready
        await props.onPicked()
      }
      const answer = await api.post<{ customer_notified: boolean }>(`/terminal/tasks/${props.task.id}/ready`, {})
      props.onReady(
        answer.customer_notified
          ? "Ready: the customer has their pickup code"
          : "Ready, but the customer could not be told (no email): hand it over against the receipt or mark it ready again"
      )
    } catch (error) {
      fail(error)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button size="large" className="pos-target mb-4" isLoading={busy} onClick={() => void ready()} data-testid="mark-ready">
      Mark ready and tell the customer
    </Button>
  )
}

/** Hand over against the customer's 6-digit code (typed or scanned from their message) or a till receipt's code. */
function HandOverPanel(props: { task: Task; onCollected: (message: string) => void }) {
  const { api } = usePos()
  const [code, setCode] = useState("")
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  async function collect(e: React.FormEvent) {
    e.preventDefault()
    const value = code.trim()
    setBusy(true)
    setError(null)
    try {
      await api.post(`/terminal/tasks/${props.task.id}/collect`, /^\d{6}$/.test(value) ? { pickup_code: value } : { receipt_code: value })
      props.onCollected("Handed over. The order is collected and paid")
      setCode("")
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form onSubmit={collect} className="bg-ui-bg-base mb-4 flex flex-wrap items-end gap-2 rounded-lg p-3" aria-label="Hand over" data-testid="handover-form">
      <div className="flex min-w-[12rem] flex-1 flex-col gap-1">
        <Label htmlFor="pickup-code">Pickup code, or scan the order's barcode or the till receipt</Label>
        <Input id="pickup-code" value={code} onChange={(e) => setCode(e.target.value)} className="pos-target" autoComplete="off" inputMode="text" data-testid="pickup-code" />
      </div>
      <Button type="submit" size="large" className="pos-target" isLoading={busy} disabled={code.trim().length < 4} data-testid="hand-over">
        Hand over
      </Button>
      {error && (
        <Text role="alert" className="text-ui-fg-error w-full" data-testid="handover-error">
          {error}
        </Text>
      )}
    </form>
  )
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)

/** A packing slip for the parcel or the pickup shelf: store, order, customer, lines, note. */
export function packingSlip(task: Task, storeName: string) {
  const rows = task.lines
    .map(
      (l) =>
        `<tr><td>${l.quantity}</td><td>${escapeHtml(l.title)}<br><small>${escapeHtml(l.sku ?? "")}${
          l.from_node_name ? ` · from ${escapeHtml(l.from_node_name)}` : ""
        }</small></td><td>${l.from_node_id ? "" : "☐"}</td></tr>`
    )
    .join("")
  return `<!doctype html><html><head><meta charset="utf-8"><title>Packing slip ${escapeHtml(orderLabel(task))}</title>
<style>body{font:12px system-ui,sans-serif;margin:8mm}h1{font-size:18px;margin:0}table{width:100%;border-collapse:collapse;margin-top:8px}td{border-bottom:1px solid #ccc;padding:4px;vertical-align:top}td:first-child{width:2em;font-weight:bold}</style>
</head><body><h1>${escapeHtml(storeName)} · ${task.kind === "pickup" ? "Pickup" : "Shipment"} ${escapeHtml(orderLabel(task))}</h1>
<p>${escapeHtml(task.order?.customer_name ?? "")}${task.note ? `<br>${escapeHtml(task.note)}` : ""}</p>
<table>${rows}</table><p><small>Task ${escapeHtml(task.id)} · printed ${escapeHtml(new Date().toLocaleString())}</small></p></body></html>`
}
