import { ArrowLeft } from "@medusajs/icons"
import { Badge, Button, Heading, Input, Label, Select, Text, toast } from "@medusajs/ui"
import React, { useCallback, useEffect, useRef, useState } from "react"
import { IconKey } from "../components/keys"
import { formatMoney } from "../lib/money"
import { usePos } from "../state"
import { printHtml } from "./receipt"

type FoundOrder = {
  id: string
  display_id: number
  created_at: string
  channel: string | null
  sold_at_store: string | null
  email: string | null
  customer_name: string | null
  total: number
  items: { id: string; title: string; variant_title: string | null; sku: string | null; quantity: number }[]
}
type Refusal = { rule: string; quantity: number; message: string; overridable: boolean }
type EligibleLine = {
  line_item_id: string
  title: string
  sku: string | null
  quantity: number
  returnable_quantity: number
  returnable_with_override: number
  refusals: Refusal[]
  unit_refund: number
}
type Eligibility = {
  order: { id: string; display_id: number; created_at: string; channel: string | null; email: string | null; customer_name: string | null }
  policy: { window_days: number; dispositions: string[]; store_credit: boolean }
  lines: EligibleLine[]
  refund_preview?: { amount: number; refundable: number; split: { kind: "card" | "cash" | "other"; amount: number }[] }
}
type Choice = { quantity: number; disposition: string; reason: string }
type NewItem = { variant_id: string; title: string; quantity: number }

const DISPOSITION_LABELS: Record<string, string> = {
  resellable: "Back on the shelf",
  refurbish: "Refurbish",
  quarantine: "Quarantine",
}
const TENDER_LABELS = { card: "Card", cash: "Cash from this drawer", other: "Original online payment" }

/** The returns desk: find an order of any channel, choose lines, dispositions and reasons, see the refund split, confirm, print. */
export function ReturnsDesk() {
  const [order, setOrder] = useState<FoundOrder | null>(null)
  return order ? <ReturnSheet order={order} onBack={() => setOrder(null)} /> : <FindOrder onPick={setOrder} />
}

function FindOrder(props: { onPick: (order: FoundOrder) => void }) {
  const { api, setup, info, fail } = usePos()
  const [q, setQ] = useState("")
  const [orders, setOrders] = useState<FoundOrder[] | null>(null)
  const [busy, setBusy] = useState(false)
  const field = useRef<HTMLInputElement>(null)
  useEffect(() => field.current?.focus(), [])
  const money = (n: number) => formatMoney(n, info?.currency ?? null)

  async function find(e: React.FormEvent) {
    e.preventDefault()
    setBusy(true)
    try {
      const answer = await api.get<{ orders: FoundOrder[] }>(`/terminal/orders?store_id=${setup!.store_id}&q=${encodeURIComponent(q.trim())}`)
      setOrders(answer.orders)
      if (answer.orders.length === 1) props.onPick(answer.orders[0])
    } catch (error) {
      fail(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="flex-1 overflow-y-auto p-3 sm:p-4" data-testid="returns-desk">
      <form onSubmit={find} className="bg-ui-bg-base flex flex-col gap-2 rounded-lg p-3" aria-label="Find the order">
        <Heading level="h2">Returns and exchanges</Heading>
        <Label htmlFor="return-q">Scan the receipt, or type the order number, email or phone</Label>
        <div className="flex gap-2">
          <Input ref={field} id="return-q" value={q} onChange={(e) => setQ(e.target.value)} className="pos-target flex-1" autoComplete="off" data-testid="return-search" />
          <Button type="submit" className="pos-target" isLoading={busy} disabled={!q.trim()}>
            Find
          </Button>
        </div>
      </form>
      {orders && !orders.length && <Text className="text-ui-fg-subtle mt-3">No order found for “{q}”.</Text>}
      <ul className="mt-3 flex flex-col gap-2">
        {orders?.map((o) => (
          <li key={o.id}>
            <button type="button" className="pos-target bg-ui-bg-base shadow-elevation-card-rest w-full rounded-lg p-3 text-left" onClick={() => props.onPick(o)} data-testid="found-order">
              <span className="font-semibold">#{o.display_id}</span> · {o.customer_name ?? o.email ?? ""} · {money(o.total)}
              <span className="text-ui-fg-subtle txt-compact-small block">
                {new Date(o.created_at).toLocaleDateString()} · {o.sold_at_store ?? o.channel ?? ""} · {o.items.length} line(s)
              </span>
            </button>
          </li>
        ))}
      </ul>
    </main>
  )
}

function ReturnSheet(props: { order: FoundOrder; onBack: () => void }) {
  const { api, setup, shift, info, catalog, fail, withApproval } = usePos()
  const [eligibility, setEligibility] = useState<Eligibility | null>(null)
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const [preview, setPreview] = useState<Eligibility["refund_preview"] | null>(null)
  const [refundTo, setRefundTo] = useState<"original" | "store_credit">("original")
  const [newItems, setNewItems] = useState<NewItem[]>([])
  const [exchangeScan, setExchangeScan] = useState("")
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<any>(null)
  // one key per return the cashier confirms: a retry after a network error is the same return
  const [key] = useState(() => `desk-${props.order.id}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`)
  const money = (n: number) => formatMoney(n, info?.currency ?? null)

  useEffect(() => {
    api
      .post<Eligibility>(`/terminal/orders/${props.order.id}/return-eligibility`, { store_id: setup!.store_id })
      .then((answer) => {
        setEligibility(answer)
        setChoices(Object.fromEntries(answer.lines.map((l) => [l.line_item_id, { quantity: 0, disposition: answer.policy.dispositions[0] ?? "resellable", reason: "" }])))
      })
      .catch(fail)
  }, [api, props.order.id, setup, fail])

  const chosen = Object.entries(choices).filter(([, c]) => c.quantity > 0)
  const chosenKey = JSON.stringify(chosen.map(([id, c]) => [id, c.quantity]))
  const refreshPreview = useCallback(async () => {
    if (!chosen.length) return setPreview(null)
    const answer = await api.post<Eligibility>(`/terminal/orders/${props.order.id}/return-eligibility`, {
      store_id: setup!.store_id,
      lines: chosen.map(([line_item_id, c]) => ({ line_item_id, quantity: c.quantity })),
    })
    setPreview(answer.refund_preview ?? null)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, props.order.id, setup, chosenKey])
  useEffect(() => {
    refreshPreview().catch(fail)
  }, [refreshPreview, fail])

  if (!eligibility) return <p className="text-ui-fg-subtle p-6">Loading the order…</p>
  const lineOf = (id: string) => eligibility.lines.find((l) => l.line_item_id === id)!
  const needsOverride = chosen.some(([id, c]) => c.quantity > lineOf(id).returnable_quantity)

  async function addNewItem(e: React.FormEvent) {
    e.preventDefault()
    const code = exchangeScan.trim()
    setExchangeScan("")
    if (!code) return
    const variant = catalog && setup ? await catalog.byCode(setup.store_id, code).catch(() => null) : null
    if (!variant) {
      toast.error(`${code} is not in this store's catalogue`)
      return
    }
    setNewItems((items) => {
      const found = items.find((i) => i.variant_id === variant.id)
      return found
        ? items.map((i) => (i === found ? { ...i, quantity: i.quantity + 1 } : i))
        : [...items, { variant_id: variant.id, title: `${variant.product_title} · ${variant.title}`, quantity: 1 }]
    })
  }

  async function confirm() {
    setBusy(true)
    try {
      const lines = chosen.map(([line_item_id, c]) => ({ line_item_id, quantity: c.quantity, disposition: c.disposition, ...(c.reason.trim() ? { reason: c.reason.trim() } : {}) }))
      const path = newItems.length ? "exchanges" : "returns"
      const run = (approval_id?: string) =>
        api.post<any>(`/terminal/stores/${setup!.store_id}/${path}`, {
          order_id: props.order.id,
          lines,
          refund_to: refundTo,
          idempotency_key: key,
          ...(shift ? { shift_id: shift.id } : {}),
          ...(newItems.length ? { new_items: newItems.map((i) => ({ variant_id: i.variant_id, quantity: i.quantity })) } : {}),
          ...(needsOverride ? { override_reason: lines.map((l) => l.reason).filter(Boolean).join("; ") || "Manager override at the desk" } : {}),
          ...(approval_id ? { approval_id } : {}),
        })
      const answer = needsOverride ? await withApproval("Override a return rule", run) : await run()
      if (answer) setDone(answer)
    } catch (error) {
      fail(error)
    } finally {
      setBusy(false)
    }
  }

  if (done) {
    return (
      <main className="flex flex-1 flex-col items-center gap-3 overflow-y-auto p-4" data-testid="return-done">
        <Heading level="h2">{done.return.exchange_id ? "Exchange done" : "Return taken"}</Heading>
        {((done.return.lines ?? []) as any[]).map((l, i) => (
          <Text key={`line-${i}`} className="text-ui-fg-subtle" data-testid="returned-line">
            {l.quantity} × {l.title} → {DISPOSITION_LABELS[l.disposition] ?? l.disposition}
          </Text>
        ))}
        {done.refunds.map((r: any, i: number) => (
          <Text key={i} data-testid="return-refund">
            {TENDER_LABELS[r.kind as keyof typeof TENDER_LABELS] ?? r.kind}: {money(r.amount)} · {r.status}
          </Text>
        ))}
        {done.store_credit_code && <Text>Store credit code: {done.store_credit_code}</Text>}
        {done.refund_error && (
          <>
            <Text role="alert" className="text-ui-fg-error">
              The items are back, but the refund failed: {done.refund_error}
            </Text>
            {/* the same request and key: the server retries the refund only, never the return */}
            <Button className="pos-target" isLoading={busy} onClick={() => void confirm()} data-testid="retry-refund">
              Retry the refund
            </Button>
          </>
        )}
        <div className="flex gap-2">
          <Button
            variant="secondary"
            className="pos-target"
            onClick={() => api.text(`/terminal/returns/${done.return.id}/receipt?format=html`).then(printHtml).catch(fail)}
            data-testid="print-return-receipt"
          >
            Print the return receipt
          </Button>
          <Button className="pos-target" onClick={props.onBack}>
            Next customer
          </Button>
        </div>
      </main>
    )
  }

  return (
    <main className="flex-1 overflow-y-auto p-3 sm:p-4" data-testid="return-sheet">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <IconKey label="Back to the search" onClick={props.onBack}>
          <ArrowLeft />
        </IconKey>
        <Heading level="h2" className="flex-1">
          Order #{eligibility.order.display_id}
          {eligibility.order.customer_name || eligibility.order.email ? ` · ${eligibility.order.customer_name ?? eligibility.order.email}` : ""}
        </Heading>
        <Badge size="small">{eligibility.order.channel ?? "till"}</Badge>
      </div>
      <Text className="text-ui-fg-subtle mb-3">
        Bought {new Date(eligibility.order.created_at).toLocaleDateString()} · returns within {eligibility.policy.window_days} days
      </Text>
      <ul className="flex flex-col gap-2" aria-label="Lines">
        {eligibility.lines.map((line) => {
          const c = choices[line.line_item_id]
          const max = Math.max(line.returnable_quantity, line.returnable_with_override)
          return (
            <li key={line.line_item_id} className="bg-ui-bg-base flex flex-col gap-2 rounded-lg p-3" data-testid="return-line">
              <div className="flex flex-wrap items-center gap-2">
                <span className="min-w-0 flex-1">
                  {line.title} <span className="text-ui-fg-subtle">{line.sku}</span>
                  <span className="text-ui-fg-subtle block txt-compact-small">
                    {line.returnable_quantity} of {line.quantity} can come back · {money(line.unit_refund)} each
                  </span>
                </span>
                <IconKey label={`One less ${line.title}`} disabled={!c.quantity} onClick={() => setChoices((all) => ({ ...all, [line.line_item_id]: { ...c, quantity: c.quantity - 1 } }))}>
                  −
                </IconKey>
                <span className="w-8 text-center tabular-nums" data-testid="return-quantity">
                  {c.quantity}
                </span>
                <IconKey label={`One more ${line.title}`} disabled={c.quantity >= max} onClick={() => setChoices((all) => ({ ...all, [line.line_item_id]: { ...c, quantity: c.quantity + 1 } }))}>
                  +
                </IconKey>
              </div>
              {line.refusals.map((r, i) => (
                <Text key={i} className={r.overridable ? "text-ui-fg-subtle" : "text-ui-fg-error"} data-testid="return-refusal">
                  {r.message}
                  {r.overridable ? " (a manager may override)" : ""}
                </Text>
              ))}
              {c.quantity > 0 && (
                <div className="flex flex-wrap items-end gap-2">
                  <div className="flex flex-col gap-1">
                    <Label htmlFor={`disp-${line.line_item_id}`}>Goes to</Label>
                    <Select value={c.disposition} onValueChange={(v) => setChoices((all) => ({ ...all, [line.line_item_id]: { ...c, disposition: v } }))}>
                      <Select.Trigger id={`disp-${line.line_item_id}`} className="pos-target w-48" data-testid="return-disposition">
                        <Select.Value />
                      </Select.Trigger>
                      <Select.Content>
                        {eligibility.policy.dispositions.map((d) => (
                          <Select.Item key={d} value={d}>
                            {DISPOSITION_LABELS[d] ?? d}
                          </Select.Item>
                        ))}
                      </Select.Content>
                    </Select>
                  </div>
                  <div className="flex min-w-[10rem] flex-1 flex-col gap-1">
                    <Label htmlFor={`reason-${line.line_item_id}`}>Reason</Label>
                    <Input
                      id={`reason-${line.line_item_id}`}
                      value={c.reason}
                      onChange={(e) => setChoices((all) => ({ ...all, [line.line_item_id]: { ...c, reason: e.target.value } }))}
                      className="pos-target"
                      placeholder="Too small, faulty zip…"
                      data-testid="return-reason"
                    />
                  </div>
                </div>
              )}
            </li>
          )
        })}
      </ul>

      <form onSubmit={addNewItem} className="bg-ui-bg-base mt-3 flex flex-col gap-2 rounded-lg p-3" aria-label="Exchange">
        <Label htmlFor="exchange-scan">Exchange: scan what the customer takes instead (optional)</Label>
        <Input id="exchange-scan" value={exchangeScan} onChange={(e) => setExchangeScan(e.target.value)} className="pos-target" autoComplete="off" data-testid="exchange-scan" />
        {newItems.map((i) => (
          <Text key={i.variant_id} data-testid="exchange-item">
            {i.quantity} × {i.title}
          </Text>
        ))}
      </form>

      <section className="bg-ui-bg-base mt-3 flex flex-col gap-2 rounded-lg p-3" aria-label="Refund" data-testid="refund-preview">
        {preview ? (
          <>
            <Text weight="plus">
              {newItems.length ? "Returned value" : "Refund"} {money(preview.refundable)}
              {preview.refundable < preview.amount ? ` (of ${money(preview.amount)}: the rest was refunded before)` : ""}
            </Text>
            {!newItems.length &&
              refundTo === "original" &&
              preview.split.map((p, i) => (
                <Text key={i} className="text-ui-fg-subtle" data-testid="refund-part">
                  {TENDER_LABELS[p.kind]}: {money(p.amount)}
                </Text>
              ))}
          </>
        ) : (
          <Text className="text-ui-fg-subtle">Choose what comes back.</Text>
        )}
        {eligibility.policy.store_credit && !newItems.length && (
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={refundTo === "store_credit"} onChange={(e) => setRefundTo(e.target.checked ? "store_credit" : "original")} />
            Give store credit instead
          </label>
        )}
        {needsOverride && <Text className="text-ui-fg-error">A rule refuses part of this: a manager approves it with their PIN.</Text>}
        <Button size="large" className="pos-target self-start" disabled={!chosen.length} isLoading={busy} onClick={() => void confirm()} data-testid="confirm-return">
          {newItems.length ? "Confirm the exchange" : "Confirm the return"}
        </Button>
      </section>
    </main>
  )
}
