import { Minus, Plus, Trash } from "@medusajs/icons"
import { Badge, Button, Heading, Input, Text } from "@medusajs/ui"
import React, { useCallback, useEffect, useMemo, useRef, useState } from "react"
import { IconKey, QuickCashKeys } from "../components/keys"
import { Overlay } from "../components/pin-pad"
import type { CatalogVariant } from "../lib/catalog"
import { formatMoney, toMinor } from "../lib/money"
import { addLine, lineOf, offlineTotals, policyRefusal, setQuantity, type OfflineLine } from "../lib/offline-sale"
import { ScanQueue, splitScans } from "../lib/scan-queue"
import { usePos } from "../state"

const newTxnId = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto ? `off-${crypto.randomUUID()}` : `off-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`

type Done = { client_txn_id: string; lines: OfflineLine[]; total: number; tax: number; subtotal: number; given: number; change: number; at: string }

/**
 * Selling without the network: items from the device's catalogue, cash only
 * (the server's offline policy), each sale written to the device's queue with
 * its client transaction id and sent when the network is back.
 */
export function OfflineSell() {
  const { catalog, queue, setup, session, info, policy, refreshQueued, fail, online, setOfflineDraftOpen } = usePos()
  // the sale being rung up is kept on the device too: a reload or a screen change does not lose it
  const draftKey = `pos.offline-draft.${setup?.register_id}`
  const [lines, setLinesState] = useState<OfflineLine[]>(() => {
    try {
      return JSON.parse(localStorage.getItem(draftKey) ?? "[]")
    } catch {
      return []
    }
  })
  const setLines = useCallback(
    (next: OfflineLine[] | ((current: OfflineLine[]) => OfflineLine[])) =>
      setLinesState((current) => {
        const value = typeof next === "function" ? next(current) : next
        localStorage.setItem(draftKey, JSON.stringify(value))
        return value
      }),
    [draftKey]
  )
  const [message, setMessage] = useState<string | null>(null)
  const [results, setResults] = useState<CatalogVariant[] | null>(null)
  const [paying, setPaying] = useState(false)
  const [done, setDone] = useState<Done | null>(null)
  const scanRef = useRef<HTMLInputElement>(null)
  const decimals = info?.currency?.decimal_digits ?? 2
  const money = useCallback((n: number) => formatMoney(n, info?.currency ?? null), [info])
  const totals = offlineTotals(lines, decimals)
  const overCap = policy && lines.length ? policyRefusal(totals, policy, "cash", money, lines) : null
  useEffect(() => setOfflineDraftOpen(lines.length > 0), [lines.length, setOfflineDraftOpen])
  const onlineSale = setup ? localStorage.getItem(`pos.sale.${setup.register_id}`) : null

  const scanOne = useCallback(
    async (code: string) => {
      if (!catalog || !setup) return
      const variant = await catalog.byCode(setup.store_id, code)
      if (variant && variant.price != null) {
        setLines((current) => addLine(current, lineOf(variant, code)))
        setMessage(null)
        setResults(null)
      } else if (variant) {
        setMessage(`${variant.product_title} – ${variant.title} has no price at this store`)
      } else {
        const found = await catalog.search(setup.store_id, code)
        setResults(found)
        setMessage(`Nothing in this till's catalogue has the code ${code}${found.length ? "; items matching it:" : ""}`)
      }
    },
    [catalog, setup, setLines]
  )
  const scans = useMemo(() => new ScanQueue(scanOne), [scanOne])

  useEffect(() => {
    function refocus(e: KeyboardEvent) {
      if (paying || done) return
      const target = e.target as HTMLElement | null
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) return
      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) scanRef.current?.focus()
    }
    window.addEventListener("keydown", refocus, true)
    return () => window.removeEventListener("keydown", refocus, true)
  }, [paying, done])

  function onScanKey(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key !== "Enter") return
    e.preventDefault()
    for (const code of splitScans(e.currentTarget.value)) scans.push(code)
    e.currentTarget.value = ""
  }

  async function takeCash(given: number) {
    if (!queue || !setup || !session || !policy) return
    const refusal = policyRefusal(totals, policy, "cash", money, lines)
    if (refusal) return fail(new Error(refusal))
    if (toMinor(given, decimals) < toMinor(totals.total, decimals)) {
      return fail(new Error(`Offline, a sale is paid in one cash tender: take at least ${money(totals.total)}.`))
    }
    const sale = {
      client_txn_id: newTxnId(),
      store_id: setup.store_id,
      register_id: setup.register_id,
      staff_id: session.staff.id,
      staff_name: `${session.staff.first_name} ${session.staff.last_name}`.trim(),
      recorded_at: new Date().toISOString(),
      lines,
      tenders: [{ type: "cash" as const, amount: totals.total, tendered: given }],
      total: totals.total,
    }
    try {
      await queue.add(sale)
      await refreshQueued()
      setDone({
        client_txn_id: sale.client_txn_id,
        lines,
        ...totals,
        given,
        change: Number((given - totals.total).toFixed(decimals)),
        at: sale.recorded_at,
      })
      setLines([])
      setPaying(false)
    } catch (error) {
      fail(error)
    }
  }

  if (!policy || !catalog) {
    return (
      <main className="flex flex-1 items-center justify-center p-6 text-center">
        <Text className="text-ui-fg-subtle">
          This till has no offline policy or catalogue yet: it needs to have been online once at this store.
        </Text>
      </main>
    )
  }

  if (done) {
    return (
      <main className="flex flex-1 flex-col items-center gap-4 overflow-y-auto p-4" data-testid="offline-receipt">
        <article className="bg-ui-bg-base shadow-elevation-card-rest w-full max-w-md rounded-lg p-5 font-mono text-sm">
          <p className="text-center font-semibold">{info?.store.name}</p>
          <p className="text-ui-fg-subtle text-center">Offline sale, kept on this till: confirmed when it is back online</p>
          <p className="text-center">{new Date(done.at).toLocaleString()} · {done.client_txn_id.slice(0, 12)}</p>
          <hr className="border-ui-border-base my-3 border-dashed" />
          {done.lines.map((l) => (
            <div key={l.variant_id} className="flex justify-between gap-2">
              <span>{l.quantity} × {l.title}</span>
              <span>{money(toMinor(l.unit_price, decimals) * l.quantity / 10 ** decimals)}</span>
            </div>
          ))}
          <hr className="border-ui-border-base my-3 border-dashed" />
          <Row label="Subtotal" value={money(done.subtotal)} />
          <Row label="Tax (estimated)" value={money(done.tax)} />
          <Row label="Total" value={money(done.total)} strong />
          <Row label="Cash given" value={money(done.given)} />
          <Row label="Change" value={money(done.change)} strong testid="offline-change" />
        </article>
        <Button size="xlarge" className="pos-target w-full max-w-md" onClick={() => setDone(null)} data-testid="offline-new-sale">
          New sale
        </Button>
      </main>
    )
  }

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 p-3 lg:flex-row">
      <section className="flex min-h-0 flex-1 flex-col gap-3" aria-label="Items">
        {online && lines.length > 0 && (
          <Text role="status" className="bg-ui-bg-highlight rounded-lg p-3" data-testid="offline-draft-online">
            The network is back: finish this offline sale in cash, or clear it to return to the till.
          </Text>
        )}
        {onlineSale && (
          <Text role="alert" className="bg-ui-tag-orange-bg text-ui-tag-orange-text rounded-lg p-3" data-testid="open-online-sale">
            A sale of this till is still open on the server and may already hold money. Finish or void it when the
            network is back; do not ring the same items up again here.
          </Text>
        )}
        <input
          ref={scanRef}
          autoFocus
          data-testid="scan-field"
          aria-label="Scan or type a barcode or SKU, then Enter"
          placeholder="Offline: scan, or type a code and press Enter"
          className="bg-ui-bg-field shadow-borders-base txt-large h-12 w-full rounded-lg px-4 outline-none focus:shadow-borders-interactive-with-active"
          onKeyDown={onScanKey}
          autoComplete="off"
          spellCheck={false}
        />
        {message && (
          <Text className="text-ui-fg-subtle" role="status" data-testid="offline-message">
            {message}
          </Text>
        )}
        {results && results.length > 0 && (
          <ul className="bg-ui-bg-base shadow-elevation-card-rest rounded-lg" data-testid="search-results">
            {results.map((v) => (
              <li key={v.id} className="border-ui-border-base flex items-center justify-between gap-2 border-b px-3 py-2 last:border-b-0">
                <Text>
                  {v.product_title} – {v.title} · {v.price != null ? money(v.price) : "no price"}
                </Text>
                <Button
                  size="large"
                  className="pos-target"
                  disabled={v.price == null}
                  onClick={() => {
                    setLines((current) => addLine(current, lineOf(v, v.sku)))
                    setResults(null)
                    setMessage(null)
                  }}
                >
                  Add
                </Button>
              </li>
            ))}
          </ul>
        )}
        <ul className="bg-ui-bg-base shadow-elevation-card-rest flex min-h-[120px] flex-1 flex-col overflow-y-auto rounded-lg" data-testid="sale-lines">
          {lines.length === 0 && (
            <li className="text-ui-fg-muted flex flex-1 items-center justify-center p-6 text-center">Scan an item to start an offline sale.</li>
          )}
          {lines.map((line) => (
            <li key={line.variant_id} className="border-ui-border-base flex flex-wrap items-center gap-x-2 border-b px-3 py-2 last:border-b-0" data-testid="sale-line">
              <div className="w-full min-w-0 sm:w-auto sm:flex-1">
                <Text weight="plus" className="truncate" data-testid="line-title">
                  {line.title}
                </Text>
                <Text className="text-ui-fg-subtle txt-compact-small">{money(line.unit_price)}</Text>
              </div>
              <div className="flex flex-1 items-center gap-1 sm:flex-none">
                <IconKey label={`One less ${line.title}`} onClick={() => setLines((c) => setQuantity(c, line.variant_id, line.quantity - 1))}>
                  <Minus />
                </IconKey>
                <span className="w-8 text-center text-lg tabular-nums" data-testid="line-quantity">
                  {line.quantity}
                </span>
                <IconKey label={`One more ${line.title}`} onClick={() => setLines((c) => setQuantity(c, line.variant_id, line.quantity + 1))}>
                  <Plus />
                </IconKey>
              </div>
              <IconKey label={`Remove ${line.title}`} onClick={() => setLines((c) => setQuantity(c, line.variant_id, 0))}>
                <Trash />
              </IconKey>
            </li>
          ))}
        </ul>
      </section>
      <aside className="flex w-full flex-col gap-3 lg:w-[340px]" aria-label="Sale">
        <dl className="bg-ui-bg-base shadow-elevation-card-rest flex flex-col gap-1 rounded-lg p-4" data-testid="totals">
          <Row label="Subtotal" value={money(totals.subtotal)} />
          <Row label="Tax (estimated)" value={money(totals.tax)} />
          <Row label="Total" value={money(totals.total)} strong testid="total" />
        </dl>
        <Text className="text-ui-fg-subtle txt-compact-small">
          Offline: {policy.tenders_allowed.join(", ")} only, at most {money(policy.max_sale_amount)} per sale before tax.
        </Text>
        {overCap && (
          <Text role="alert" className="text-ui-fg-error" data-testid="offline-refusal">
            {overCap}
          </Text>
        )}
        <Button size="xlarge" className="pos-target h-14 w-full text-lg" disabled={!lines.length || !!overCap} onClick={() => setPaying(true)} data-testid="pay">
          {lines.length ? `Pay ${money(totals.total)} in cash` : "Pay"}
        </Button>
        {lines.length > 0 && (
          <Button variant="secondary" size="large" className="pos-target w-full" onClick={() => setLines([])} data-testid="void-sale">
            Clear this sale
          </Button>
        )}
      </aside>
      {paying && (
        <OfflineCash total={totals.total} decimals={decimals} money={money} onCancel={() => setPaying(false)} onCash={takeCash} />
      )}
    </div>
  )
}

function OfflineCash(props: { total: number; decimals: number; money: (n: number) => string; onCancel: () => void; onCash: (given: number) => Promise<void> }) {
  const [custom, setCustom] = useState("")
  const [busy, setBusy] = useState(false)
  const go = async (given: number) => {
    setBusy(true)
    try {
      await props.onCash(given)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Overlay label="Offline cash payment" wide>
      <div className="flex w-full flex-col gap-4" data-testid="pay-panel">
        <div className="flex items-start justify-between">
          <div>
            <Badge color="orange">Offline: cash only</Badge>
            <Heading level="h1" data-testid="amount-due">
              {props.money(props.total)} due
            </Heading>
          </div>
          <Button variant="secondary" className="pos-target" onClick={props.onCancel} disabled={busy}>
            Back
          </Button>
        </div>
        <QuickCashKeys due={props.total} decimals={props.decimals} money={props.money} disabled={busy} onCash={(amount) => void go(amount)} />
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            const given = Number(custom.replace(",", "."))
            if (given > 0) void go(given)
          }}
        >
          <div className="min-w-0 flex-1">
            <Input aria-label="Cash given" inputMode="decimal" placeholder="Cash given" className="h-12" value={custom} onChange={(e) => setCustom(e.target.value)} data-testid="cash-amount" />
          </div>
          <Button type="submit" size="xlarge" className="pos-target" isLoading={busy} disabled={!custom}>
            Take cash
          </Button>
        </form>
      </div>
    </Overlay>
  )
}

function Row(props: { label: string; value: string; strong?: boolean; testid?: string }) {
  return (
    <div className={`flex justify-between gap-2 ${props.strong ? "font-semibold" : ""}`}>
      <dt className={props.strong ? "" : "text-ui-fg-subtle"}>{props.label}</dt>
      <dd className="tabular-nums" data-testid={props.testid}>
        {props.value}
      </dd>
    </div>
  )
}
