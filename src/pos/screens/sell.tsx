import { MagnifyingGlass, Minus, Plus, Trash, User, Tag } from "@medusajs/icons"
import { Badge, Button, Heading, Input, Text } from "@medusajs/ui"
import React, { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react"
import { IconKey } from "../components/keys"
import { Overlay } from "../components/pin-pad"
import { ApiError } from "../lib/api"
import { formatMoney } from "../lib/money"
import { ScanQueue, splitScans } from "../lib/scan-queue"
import type { LookupVariant, Receipt, Sale, SaleLine } from "../lib/types"
import { usePos } from "../state"
import { PayPanel } from "./pay"
import { ReceiptView } from "./receipt"

/** Loaded on first use: most sales never open it. */
const CustomerPanel = lazy(() => import("./customer-panel").then((m) => ({ default: m.CustomerPanel })))

const saleKey = (registerId: string) => `pos.sale.${registerId}`

type Results = { query: string; variants: LookupVariant[]; note?: string }
/** A scan on its way to the server, shown at once from the device's catalogue. */
type PendingScan = { key: number; code: string; variant_id?: string; title?: string }
let scanSeq = 0
type Endless = { variant: LookupVariant; mode: "ship" } | null

/** The selling screen: scan field, search, lines, customer, promotions, totals, pay and void. */
export function Sell(props: { overlayOpen: boolean }) {
  const { api, setup, shift, info, fail, withApproval, catalog } = usePos()
  const [sale, setSale] = useState<Sale | null>(null)
  const [results, setResults] = useState<Results | null>(null)
  const [pendingScans, setPendingScans] = useState<PendingScan[]>([])
  const pendingRef = useRef<PendingScan[]>([])
  const [busy, setBusy] = useState<string | null>(null)
  const [paying, setPaying] = useState(false)
  const [receipt, setReceipt] = useState<Receipt | null>(null)
  const [shipFor, setShipFor] = useState<Endless>(null)
  const scanRef = useRef<HTMLInputElement>(null)
  const saleRef = useRef<Sale | null>(null)
  saleRef.current = sale
  const money = useCallback((n: number | null | undefined) => formatMoney(n, info?.currency ?? null), [info])
  const storeId = setup!.store_id

  const keepSale = useCallback(
    (next: Sale | null) => {
      saleRef.current = next
      setSale(next)
      if (next && next.status === "open") localStorage.setItem(saleKey(setup!.register_id), next.id)
      else localStorage.removeItem(saleKey(setup!.register_id))
    },
    [setup]
  )

  // An open sale of this register survives a reload; it is forgotten only when the server
  // says it is gone or no longer open, never because the network failed.
  const restored = useRef<Promise<void> | null>(null)
  useEffect(() => {
    const id = localStorage.getItem(saleKey(setup!.register_id))
    if (!id) {
      restored.current = Promise.resolve()
      return
    }
    restored.current = api
      .get<{ sale: Sale }>(`/terminal/sales/${id}`)
      .then(({ sale }) => keepSale(sale.status === "open" ? sale : null))
      .catch((error) => {
        if (error instanceof ApiError && error.status === 404) keepSale(null)
        else fail(error)
      })
  }, [api, setup, keepSale, fail])

  // One sale at a time: scans and taps that arrive together share the sale being created.
  const creating = useRef<Promise<Sale> | null>(null)
  const ensureSale = useCallback(async (): Promise<Sale> => {
    await restored.current
    if (saleRef.current?.status === "open") return saleRef.current
    if (localStorage.getItem(saleKey(setup!.register_id))) {
      throw new Error("The open sale of this till could not be loaded; try again when the server answers.")
    }
    creating.current ??= api
      .post<{ sale: Sale }>(`/terminal/stores/${storeId}/sales`, { shift_id: shift!.id })
      .then(({ sale }) => {
        keepSale(sale)
        return sale
      })
      .finally(() => {
        creating.current = null
      })
    return creating.current
  }, [api, storeId, shift, keepSale, setup])

  const search = useCallback(
    async (query: string, note?: string) => {
      const q = query.trim()
      if (!q) return
      try {
        const { variants } = await api.get<{ variants: LookupVariant[] }>(
          `/terminal/stores/${storeId}/lookup?q=${encodeURIComponent(q)}`
        )
        setResults({ query: q, variants, note })
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) setResults({ query: q, variants: [], note: error.message })
        else fail(error)
      }
    },
    [api, storeId, fail]
  )

  const setPending = (next: PendingScan[]) => {
    pendingRef.current = next
    setPendingScans(next)
  }
  /** Shows a scan at once: the line (or its new quantity) from the device's catalogue, until the server answers. */
  const showPending = (code: string) => {
    const entry: PendingScan = { key: ++scanSeq, code }
    setPending([...pendingRef.current, entry])
    catalog
      ?.byCode(storeId, code)
      .then((variant) => {
        if (!variant || !pendingRef.current.some((p) => p.key === entry.key)) return
        setPending(
          pendingRef.current.map((p) =>
            p.key === entry.key ? { ...p, variant_id: variant.id, title: `${variant.product_title} – ${variant.title}` } : p
          )
        )
      })
      .catch(() => undefined)
  }

  const scanOne = useCallback(
    async (code: string) => {
      try {
        const current = await ensureSale()
        const { sale } = await api.post<{ sale: Sale }>(`/terminal/sales/${current.id}/lines`, { code })
        keepSale(sale)
        setResults(null)
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          await search(code, error.message)
        } else {
          fail(error)
        }
      } finally {
        // scans are answered in the order they were made: the oldest shown one is this one
        setPending(pendingRef.current.slice(1))
      }
    },
    [api, ensureSale, keepSale, search, fail]
  )

  const queue = useMemo(() => new ScanQueue(scanOne), [scanOne])

  // The scan field keeps focus: a scanner's burst lands there whatever was touched last.
  useEffect(() => {
    function refocus(e: KeyboardEvent) {
      if (props.overlayOpen || paying || receipt || shipFor) return
      const target = e.target as HTMLElement | null
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return
      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) scanRef.current?.focus()
    }
    window.addEventListener("keydown", refocus, true)
    return () => window.removeEventListener("keydown", refocus, true)
  }, [props.overlayOpen, paying, receipt, shipFor])

  function onScanKey(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key !== "Enter") return
    e.preventDefault()
    const input = e.currentTarget
    for (const code of splitScans(input.value)) {
      if (queue.push(code)) showPending(code)
    }
    input.value = ""
  }

  async function run(label: string, action: () => Promise<void>) {
    setBusy(label)
    try {
      await action()
    } catch (error) {
      fail(error)
    } finally {
      setBusy(null)
      scanRef.current?.focus()
    }
  }

  const setQuantity = (line: SaleLine, quantity: number) =>
    run(`line-${line.id}`, async () => {
      const path = `/terminal/sales/${sale!.id}/lines/${line.id}`
      const { sale: next } =
        quantity <= 0 ? await api.del<{ sale: Sale }>(path) : await api.patch<{ sale: Sale }>(path, { quantity })
      keepSale(next)
    })

  const addVariant = (variant: LookupVariant, extra: Record<string, unknown> = {}) =>
    run(`add-${variant.id}`, async () => {
      const current = await ensureSale()
      const { sale: next } = await api.post<{ sale: Sale }>(`/terminal/sales/${current.id}/lines`, {
        variant_id: variant.id,
        ...extra,
      })
      keepSale(next)
      setResults(null)
      setShipFor(null)
      if (scanRef.current) scanRef.current.value = ""
    })

  const voidSale = () =>
    run("void", async () => {
      if (!sale) return
      const answer = await withApproval("Voiding a sale after payment", (approval_id) =>
        api.post<{ sale: Sale }>(`/terminal/sales/${sale.id}/void`, approval_id ? { approval_id } : {})
      )
      if (answer) keepSale(null)
    })

  if (receipt) {
    return (
      <ReceiptView
        receipt={receipt}
        onDone={() => {
          setReceipt(null)
          setTimeout(() => scanRef.current?.focus(), 0)
        }}
      />
    )
  }

  const lines = sale?.lines ?? []
  const pending = pendingScans.length
  const pendingOf = (variantId: string) => pendingScans.filter((p) => p.variant_id === variantId).length
  const newPending = Object.values(
    pendingScans
      .filter((p) => !p.variant_id || !lines.some((l) => l.variant_id === p.variant_id))
      .reduce<Record<string, { key: number; title: string; count: number }>>((groups, p) => {
        const id = p.variant_id ?? `code:${p.code}`
        groups[id] = { key: groups[id]?.key ?? p.key, title: p.title ?? p.code, count: (groups[id]?.count ?? 0) + 1 }
        return groups
      }, {})
  )
  const hasTenders = (sale?.tenders ?? []).some((t) => t.status === "succeeded" || t.status === "pending")
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 p-3 lg:flex-row">
      <section className="flex min-h-0 flex-1 flex-col gap-3" aria-label="Items">
        <div className="flex gap-2">
          <div className="relative flex-1">
            <input
              ref={scanRef}
              autoFocus
              data-testid="scan-field"
              aria-label="Scan or type a barcode, SKU or product name, then Enter"
              placeholder="Scan, or type a code or name and press Enter"
              className="bg-ui-bg-field shadow-borders-base txt-large h-12 w-full rounded-lg px-4 outline-none focus:shadow-borders-interactive-with-active"
              onKeyDown={onScanKey}
              autoComplete="off"
              autoCorrect="off"
              spellCheck={false}
            />
            {pending > 0 && (
              <span className="text-ui-fg-muted txt-compact-small absolute right-3 top-3.5" aria-live="polite">
                adding {pending}…
              </span>
            )}
          </div>
          <Button
            variant="secondary"
            className="pos-target"
            aria-label="Search by name"
            onClick={() => void search(scanRef.current?.value ?? "")}
          >
            <MagnifyingGlass />
            <span className="hidden sm:inline">Search</span>
          </Button>
        </div>

        {results && (
          <SearchResults
            results={results}
            money={money}
            busy={busy}
            onAdd={(v) => addVariant(v)}
            onShip={(v) => setShipFor({ variant: v, mode: "ship" })}
            onPickup={(v, store_id) => addVariant(v, { fulfillment: "pickup", pickup_store_id: store_id })}
            onClose={() => setResults(null)}
          />
        )}

        <ul className="bg-ui-bg-base shadow-elevation-card-rest flex min-h-[120px] flex-1 flex-col overflow-y-auto rounded-lg" data-testid="sale-lines">
          {lines.length === 0 && newPending.length === 0 && (
            <li className="text-ui-fg-muted flex flex-1 items-center justify-center p-6 text-center">
              Scan an item to start a sale.
            </li>
          )}
          {lines.map((line) => (
            <li key={line.id} className="border-ui-border-base flex flex-wrap items-center gap-x-2 border-b px-3 py-2 last:border-b-0" data-testid="sale-line">
              <div className="w-full min-w-0 sm:w-auto sm:flex-1">
                <Text weight="plus" className="truncate" data-testid="line-title">
                  {line.title}
                </Text>
                <Text className="text-ui-fg-subtle txt-compact-small truncate">
                  {line.sku} · {money(line.unit_price)}
                </Text>
                {line.fulfillment !== "take" && line.source && (
                  <Text className="text-ui-fg-interactive txt-compact-small" data-testid="line-source">
                    {line.fulfillment === "ship" ? `Ships from ${line.source.name}` : `Pickup, from ${line.source.name}`}
                  </Text>
                )}
              </div>
              <div className="flex flex-1 items-center gap-1 sm:flex-none">
                <IconKey label={`One less ${line.title}`} onClick={() => setQuantity(line, line.quantity - 1)} disabled={hasTenders || !!busy}>
                  <Minus />
                </IconKey>
                <span className={`w-8 text-center text-lg tabular-nums ${pendingOf(line.variant_id) ? "text-ui-fg-muted" : ""}`} data-testid="line-quantity">
                  {line.quantity + pendingOf(line.variant_id)}
                </span>
                <IconKey label={`One more ${line.title}`} onClick={() => setQuantity(line, line.quantity + 1)} disabled={hasTenders || !!busy}>
                  <Plus />
                </IconKey>
              </div>
              <Text className="w-24 text-right tabular-nums" data-testid="line-total">
                {money(line.total)}
              </Text>
              <IconKey label={`Remove ${line.title}`} onClick={() => setQuantity(line, 0)} disabled={hasTenders || !!busy}>
                <Trash />
              </IconKey>
            </li>
          ))}
          {newPending.map((p) => (
            <li key={p.key} className="border-ui-border-base text-ui-fg-muted flex items-center gap-2 border-b px-3 py-2 last:border-b-0" data-testid="pending-line">
              <Text className="flex-1 truncate">Adding {p.title}…</Text>
              <span className="w-8 text-center text-lg tabular-nums">{p.count}</span>
            </li>
          ))}
        </ul>
      </section>

      <aside className="flex w-full flex-col gap-3 lg:w-[340px]" aria-label="Sale">
        {sale && <CustomerAndPromotions sale={sale} disabled={hasTenders} onSale={keepSale} />}
        <Totals sale={sale} money={money} updating={pending > 0} />
        <Button
          size="xlarge"
          className="pos-target h-14 w-full text-lg"
          disabled={!sale || lines.length === 0}
          onClick={() => setPaying(true)}
          data-testid="pay"
        >
          {sale && sale.due > 0 ? `Pay ${money(sale.due)}` : "Pay"}
        </Button>
        {sale && (
          <Button variant="secondary" size="large" className="pos-target w-full" isLoading={busy === "void"} onClick={voidSale} data-testid="void-sale">
            Void sale
          </Button>
        )}
      </aside>

      {paying && sale && (
        <PayPanel
          sale={sale}
          onSale={keepSale}
          onClose={() => {
            setPaying(false)
            setTimeout(() => scanRef.current?.focus(), 0)
          }}
          onCompleted={(r) => {
            setPaying(false)
            keepSale(null)
            setReceipt(r)
          }}
        />
      )}
      {shipFor && (
        <ShipForm
          variant={shipFor.variant}
          country={info?.store.country_code ?? "us"}
          busy={busy === `add-${shipFor.variant.id}`}
          onCancel={() => setShipFor(null)}
          onSubmit={(address) => addVariant(shipFor.variant, { fulfillment: "ship", shipping_address: address })}
        />
      )}
    </div>
  )
}

function Totals(props: { sale: Sale | null; money: (n: number) => string; updating?: boolean }) {
  const { sale, money } = props
  const row = (label: string, value: string, testid?: string, strong = false) => (
    <div className={`flex justify-between ${strong ? "txt-xlarge-plus" : ""}`}>
      <dt className={strong ? "" : "text-ui-fg-subtle"}>{label}</dt>
      <dd className="tabular-nums" data-testid={testid}>
        {value}
      </dd>
    </div>
  )
  return (
    <dl
      className={`bg-ui-bg-base shadow-elevation-card-rest flex flex-col gap-1 rounded-lg p-4 ${props.updating ? "opacity-60" : ""}`}
      aria-busy={props.updating}
      data-testid="totals"
    >
      {row("Subtotal", money(sale?.subtotal ?? 0), "subtotal")}
      {!!sale?.discount_total && row("Discounts", money(-sale.discount_total), "discount")}
      {sale?.taxes?.length
        ? sale.taxes.map((t) => (
            <React.Fragment key={`${t.description}-${t.rate}`}>{row(`${t.description} ${t.rate}%`, money(t.amount))}</React.Fragment>
          ))
        : row("Tax", money(sale?.tax_total ?? 0), "tax")}
      {row("Total", money(sale?.total ?? 0), "total", true)}
      {!!sale?.paid && row("Paid", money(sale.paid), "paid")}
      {!!sale?.paid && row("Due", money(sale.due), "due", true)}
    </dl>
  )
}

function CustomerAndPromotions(props: { sale: Sale; disabled: boolean; onSale: (sale: Sale) => void }) {
  const { api, fail } = usePos()
  const [email, setEmail] = useState("")
  const [code, setCode] = useState("")
  const [busy, setBusy] = useState<string | null>(null)
  const [panel, setPanel] = useState(false)
  const promotions = (props.sale.promotions ?? []).map((p: any) => (typeof p === "string" ? p : p.code)).filter(Boolean)

  async function go(label: string, call: () => Promise<{ sale: Sale }>, after: () => void) {
    setBusy(label)
    try {
      props.onSale((await call()).sale)
      after()
    } catch (error) {
      fail(error)
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="bg-ui-bg-base shadow-elevation-card-rest flex flex-col gap-2 rounded-lg p-3">
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          const value = email.trim()
          const body = value.includes("@") ? { email: value } : { phone: value }
          void go("customer", () => api.post(`/terminal/sales/${props.sale.id}/customer`, body), () => setEmail(""))
        }}
      >
        <div className="min-w-0 flex-1">
        <Input
          aria-label="Customer email or phone"
          type="text"
          inputMode="email"
          placeholder={props.sale.email ?? "Customer email or phone"}
          className="h-11"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          disabled={props.disabled}
        />
        </div>
        <Button type="submit" variant="secondary" className="pos-target" isLoading={busy === "customer"} disabled={props.disabled || !email.trim()} aria-label="Attach customer">
          <User />
        </Button>
      </form>
      {props.sale.customer_id && (
        <div className="flex items-center justify-between gap-2">
          <Badge size="small" color="blue" data-testid="customer-attached" className="min-w-0 truncate">
            Customer {props.sale.email ?? "attached"}
          </Badge>
          <Button size="small" variant="secondary" className="pos-target shrink-0" data-testid="open-customer" onClick={() => setPanel(true)}>
            Profile
          </Button>
        </div>
      )}
      {panel && props.sale.customer_id && (
        <Suspense fallback={null}>
          <CustomerPanel customerId={props.sale.customer_id} saleId={props.sale.id} onClose={() => setPanel(false)} />
        </Suspense>
      )}
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          void go("promo", () => api.post(`/terminal/sales/${props.sale.id}/promotions`, { code: code.trim() }), () => setCode(""))
        }}
      >
        <div className="min-w-0 flex-1">
          <Input aria-label="Promotion code" placeholder="Promotion code" className="h-11" value={code} onChange={(e) => setCode(e.target.value)} disabled={props.disabled} />
        </div>
        <Button type="submit" variant="secondary" className="pos-target" isLoading={busy === "promo"} disabled={props.disabled || !code.trim()} aria-label="Apply promotion code">
          <Tag />
        </Button>
      </form>
      {promotions.length > 0 && (
        <div className="flex flex-wrap gap-1">
          {promotions.map((p: string) => (
            <button
              key={p}
              type="button"
              disabled={props.disabled}
              className="pos-target"
              aria-label={`Remove promotion ${p}`}
              onClick={() => void go("promo", () => api.post(`/terminal/sales/${props.sale.id}/promotions`, { code: p, action: "remove" }), () => {})}
            >
              <Badge size="small" color="purple">
                {p} ✕
              </Badge>
            </button>
          ))}
        </div>
      )}
    </div>
  )
}

function SearchResults(props: {
  results: Results
  money: (n: number) => string
  busy: string | null
  onAdd: (v: LookupVariant) => void
  onShip: (v: LookupVariant) => void
  onPickup: (v: LookupVariant, storeId: string) => void
  onClose: () => void
}) {
  const { results, money } = props
  return (
    <section className="bg-ui-bg-base shadow-elevation-card-rest flex max-h-[45vh] flex-col overflow-y-auto rounded-lg" aria-label="Search results" data-testid="search-results">
      <div className="border-ui-border-base flex items-center justify-between gap-2 border-b px-3 py-2">
        <Text className="text-ui-fg-subtle txt-compact-small">
          {results.note ? `${results.note} · ` : ""}
          {results.variants.length} result(s) for “{results.query}”
        </Text>
        <Button variant="transparent" size="small" className="pos-target" onClick={props.onClose}>
          Close
        </Button>
      </div>
      {results.variants.map((v) => {
        const stores = v.stock.elsewhere.filter((e) => e.kind === "store" && e.store_id && e.available > 0).slice(0, 2)
        return (
          <div key={v.id} className="border-ui-border-base flex flex-wrap items-center gap-2 border-b px-3 py-2 last:border-b-0" data-testid="search-result">
            <div className="min-w-0 flex-1">
              <Text weight="plus" className="truncate">
                {v.product.title} – {v.title}
              </Text>
              <Text className="text-ui-fg-subtle txt-compact-small">
                {v.sku} · {v.price ? money(v.price.amount) : "no price here"} · {v.stock.here} here
                {v.stock.elsewhere_total ? ` · ${v.stock.elsewhere_total} at other nodes` : ""}
              </Text>
            </div>
            <div className="flex flex-wrap gap-1">
              <Button size="large" className="pos-target" isLoading={props.busy === `add-${v.id}`} onClick={() => props.onAdd(v)}>
                Add
              </Button>
              {v.stock.here <= 0 && v.stock.elsewhere_total > 0 && (
                <>
                  <Button variant="secondary" size="large" className="pos-target" onClick={() => props.onShip(v)}>
                    Ship to customer
                  </Button>
                  {stores.map((s) => (
                    <Button key={s.location_id} variant="secondary" size="large" className="pos-target" onClick={() => props.onPickup(v, s.store_id!)}>
                      Pick up at {s.name}
                    </Button>
                  ))}
                </>
              )}
            </div>
          </div>
        )
      })}
    </section>
  )
}

function ShipForm(props: {
  variant: LookupVariant
  country: string
  busy: boolean
  onCancel: () => void
  onSubmit: (address: Record<string, string>) => void
}) {
  const [address, setAddress] = useState<Record<string, string>>({ country_code: props.country })
  const field = (name: string, label: string, required = false, extra: { maxLength?: number } = {}) => (
    <label className="flex flex-col gap-1">
      <span className="txt-compact-small text-ui-fg-subtle">{label}</span>
      <Input
        className="h-11"
        value={address[name] ?? ""}
        required={required}
        onChange={(e) => setAddress((a) => ({ ...a, [name]: e.target.value }))}
        {...extra}
      />
    </label>
  )
  return (
    <Overlay label="Ship to the customer" wide>
      <form
        className="flex w-full flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault()
          const clean = Object.fromEntries(Object.entries(address).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]))
          props.onSubmit(clean)
        }}
      >
        <Heading level="h2">Ship {props.variant.product.title} – {props.variant.title}</Heading>
        <div className="grid gap-2 sm:grid-cols-2">
          {field("first_name", "First name")}
          {field("last_name", "Last name")}
          {field("address_1", "Address", true)}
          {field("address_2", "Address line 2")}
          {field("city", "City", true)}
          {field("province", "State or province")}
          {field("postal_code", "Postal code", true)}
          {field("country_code", "Country (2 letters)", true, { maxLength: 2 })}
          {field("phone", "Phone")}
        </div>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" className="pos-target" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" className="pos-target" isLoading={props.busy}>
            Add to sale
          </Button>
        </div>
      </form>
    </Overlay>
  )
}
