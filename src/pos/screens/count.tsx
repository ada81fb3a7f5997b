import { ArrowLeft } from "@medusajs/icons"
import { Badge, Button, Heading, Input, Label, Text, Textarea, toast } from "@medusajs/ui"
import React, { useCallback, useEffect, useRef, useState } from "react"
import { IconKey } from "../components/keys"
import { usePos } from "../state"

type CountLine = { id?: string; sku: string | null; title: string; counted: number | null; expected?: number | null; corrected?: number }
type Count = {
  id: string
  label: string
  status: "open" | "pending_approval" | "applied" | "canceled"
  scope: { kind: string }
  variance_units: number
  created_at: string
  lines: CountLine[]
}

/** Stock counts of this store: start one, count it blind by scanning, submit it (a manager approves a large variance). */
export function StockCounts() {
  const { api, setup, fail } = usePos()
  const [counts, setCounts] = useState<Count[] | null>(null)
  const [open, setOpen] = useState<Count | null>(null)
  const load = useCallback(async () => {
    const answer = await api.get<{ counts: Count[] }>(`/terminal/stores/${setup!.store_id}/counts`)
    setCounts(answer.counts)
  }, [api, setup])
  useEffect(() => {
    load().catch(fail)
  }, [load, fail])

  if (open) return <CountSheet countId={open.id} onBack={() => (setOpen(null), load().catch(fail))} />
  return (
    <main className="flex-1 overflow-y-auto p-3 sm:p-4" data-testid="counts">
      <NewCount onCreated={(count) => setOpen(count)} />
      <Heading level="h3" className="mb-2 mt-5">
        Recent counts
      </Heading>
      {!counts?.length && <Text className="text-ui-fg-subtle">{counts ? "No counts yet." : "Loading…"}</Text>}
      <ul className="flex flex-col gap-2">
        {counts?.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="pos-target bg-ui-bg-base shadow-elevation-card-rest flex w-full items-center gap-3 rounded-lg p-3 text-left"
              onClick={() => setOpen(c)}
            >
              <span className="flex-1 font-semibold">{c.label}</span>
              <Badge size="small" color={c.status === "applied" ? "green" : c.status === "pending_approval" ? "orange" : c.status === "canceled" ? "grey" : "blue"}>
                {c.status.replace("_", " ")}
              </Badge>
              <span className="text-ui-fg-subtle txt-compact-small">{new Date(c.created_at).toLocaleDateString()}</span>
            </button>
          </li>
        ))}
      </ul>
    </main>
  )
}

function NewCount(props: { onCreated: (count: Count) => void }) {
  const { api, setup, fail } = usePos()
  const [label, setLabel] = useState("")
  const [skus, setSkus] = useState("")
  const [categoryId, setCategoryId] = useState("")
  const [categories, setCategories] = useState<{ id: string; name: string }[]>([])
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    api
      .get<{ categories: { id: string; name: string }[] }>(`/terminal/stores/${setup!.store_id}/categories`)
      .then((answer) => setCategories(answer.categories))
      .catch(() => undefined)
  }, [api, setup])
  async function create(e: React.FormEvent) {
    e.preventDefault()
    const codes = skus.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean)
    setBusy(true)
    try {
      const category = categories.find((c) => c.id === categoryId)
      const { count } = await api.post<{ count: Count }>(`/terminal/stores/${setup!.store_id}/counts`, {
        label: label.trim() || category?.name || "",
        scope: category ? { kind: "category", category_id: category.id } : codes.length ? { kind: "skus", codes } : { kind: "shelf" },
      })
      props.onCreated(count)
    } catch (error) {
      fail(error)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form onSubmit={create} className="bg-ui-bg-base flex flex-col gap-3 rounded-lg p-3" aria-label="New count" data-testid="new-count">
      <Heading level="h2">Count stock</Heading>
      <div className="flex flex-col gap-1">
        <Label htmlFor="count-label">What you count (a shelf, a table, a category)</Label>
        <Input id="count-label" value={label} onChange={(e) => setLabel(e.target.value)} className="pos-target" placeholder="Shelf B3" data-testid="count-label" />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="count-category">A whole category (optional)</Label>
        <select
          id="count-category"
          value={categoryId}
          onChange={(e) => setCategoryId(e.target.value)}
          className="pos-target bg-ui-bg-field border-ui-border-base rounded-md border px-2"
          data-testid="count-category"
        >
          <option value="">No: a shelf or the SKUs below</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {!categoryId && (
        <div className="flex flex-col gap-1">
          <Label htmlFor="count-skus">SKUs to count (optional: leave empty to count whatever is on the shelf)</Label>
          <Textarea id="count-skus" value={skus} onChange={(e) => setSkus(e.target.value)} rows={2} placeholder="NW-TEE-BLA-S, NW-TEE-BLA-M" data-testid="count-skus" />
        </div>
      )}
      <Button type="submit" size="large" className="pos-target self-start" isLoading={busy} disabled={!label.trim() && !categoryId} data-testid="start-count">
        Start counting
      </Button>
    </form>
  )
}

/**
 * Counting: each scan adds one to its line (a code not on the list is added to it), +/− for what
 * cannot be scanned. Blind: the expected numbers appear only once the count is applied.
 */
function CountSheet(props: { countId: string; onBack: () => void }) {
  const { api, catalog, setup, fail, withApproval } = usePos()
  const [count, setCount] = useState<Count | null>(null)
  // counted per code (the SKU when the line has one)
  const [counted, setCounted] = useState<Record<string, { title: string; n: number }>>({})
  const [busy, setBusy] = useState(false)
  const [scan, setScan] = useState("")
  const [refusal, setRefusal] = useState<string | null>(null)
  const field = useRef<HTMLInputElement>(null)

  useEffect(() => {
    api
      .get<{ count: Count }>(`/terminal/counts/${props.countId}`)
      .then(({ count }) => {
        setCount(count)
        setCounted(Object.fromEntries(count.lines.filter((l) => l.sku).map((l) => [l.sku!, { title: l.title, n: l.counted ?? 0 }])))
      })
      .catch(fail)
  }, [api, props.countId, fail])
  useEffect(() => field.current?.focus(), [count])

  async function add(code: string) {
    const variant = catalog && setup ? await catalog.byCode(setup.store_id, code).catch(() => null) : null
    const key = variant?.sku ?? (count?.lines.find((l) => l.sku?.toLowerCase() === code.toLowerCase())?.sku ?? null)
    if (!key) {
      // the server would refuse the whole count for it: refused here, at the scan
      setRefusal(`${code} is not an item of this store's catalogue: scan it again or count it by its SKU`)
      return
    }
    setRefusal(null)
    setCounted((c) => ({ ...c, [key]: { title: c[key]?.title ?? `${variant!.product_title} · ${variant!.title}`, n: (c[key]?.n ?? 0) + 1 } }))
  }

  async function submit() {
    setBusy(true)
    try {
      // a row the count did not list and that came back to 0 is a scan taken back: not sent
      const listed = new Set(count!.lines.map((l) => l.sku))
      const lines = Object.entries(counted)
        .filter(([code, v]) => v.n > 0 || listed.has(code))
        .map(([code, v]) => ({ code, counted: v.n }))
      const answer = await withApproval("Stock count above the variance threshold", (approval_id) =>
        api.post<{ count: Count }>(`/terminal/counts/${props.countId}/submit`, { lines, ...(approval_id ? { approval_id } : {}) })
      )
      if (answer) {
        setCount(answer.count)
        toast.success(`Count applied: ${answer.count.variance_units} unit(s) corrected`)
      }
    } catch (error) {
      fail(error)
    } finally {
      setBusy(false)
    }
  }

  if (!count) return <p className="text-ui-fg-subtle p-6">Loading the count…</p>
  const editable = count.status === "open" || count.status === "pending_approval"
  return (
    <main className="flex-1 overflow-y-auto p-3 sm:p-4" data-testid="count-sheet">
      <div className="mb-3 flex items-center gap-2">
        <IconKey label="Back to counts" onClick={props.onBack}>
          <ArrowLeft />
        </IconKey>
        <Heading level="h2" className="flex-1">
          {count.label}
        </Heading>
        <Badge size="small" data-testid="count-status">
          {count.status.replace("_", " ")}
        </Badge>
      </div>
      {editable ? (
        <>
          <form
            className="mb-3 flex gap-2"
            onSubmit={(e) => {
              e.preventDefault()
              if (scan.trim()) void add(scan.trim())
              setScan("")
            }}
          >
            <Input ref={field} aria-label="Scan an item" placeholder="Scan an item" value={scan} onChange={(e) => setScan(e.target.value)} className="pos-target flex-1" autoComplete="off" data-testid="count-scan" />
            <Button type="submit" variant="secondary" className="pos-target">
              Enter
            </Button>
          </form>
          {refusal && (
            <Text role="alert" className="text-ui-fg-error mb-2" data-testid="count-refusal">
              {refusal}
            </Text>
          )}
          <Text className="text-ui-fg-subtle mb-2">Counted blind: what the system expects shows once the count is applied.</Text>
          <ul className="mb-4 flex flex-col gap-1" data-testid="count-lines">
            {Object.entries(counted).map(([code, v]) => (
              <li key={code} className="bg-ui-bg-base flex items-center gap-2 rounded-md p-2">
                <span className="min-w-0 flex-1">
                  {v.title} <span className="text-ui-fg-subtle">{code}</span>
                </span>
                <IconKey label={`One less ${v.title}`} onClick={() => setCounted((c) => ({ ...c, [code]: { ...v, n: Math.max(0, v.n - 1) } }))}>
                  −
                </IconKey>
                <span className="w-10 text-center tabular-nums" data-testid="counted">
                  {v.n}
                </span>
                <IconKey label={`One more ${v.title}`} onClick={() => setCounted((c) => ({ ...c, [code]: { ...v, n: v.n + 1 } }))}>
                  +
                </IconKey>
              </li>
            ))}
          </ul>
          <Button size="large" className="pos-target" isLoading={busy} disabled={!Object.keys(counted).length} onClick={() => void submit()} data-testid="submit-count">
            Submit the count
          </Button>
        </>
      ) : (
        <table className="w-full text-left" data-testid="count-result">
          <thead>
            <tr className="text-ui-fg-subtle txt-compact-small">
              <th className="p-2">Item</th>
              <th className="p-2 text-right">Expected</th>
              <th className="p-2 text-right">Counted</th>
              <th className="p-2 text-right">Corrected</th>
            </tr>
          </thead>
          <tbody>
            {count.lines.map((l, i) => (
              <tr key={l.id ?? i} className="border-ui-border-base border-t">
                <td className="p-2">
                  {l.title} <span className="text-ui-fg-subtle">{l.sku}</span>
                </td>
                <td className="p-2 text-right tabular-nums">{l.expected ?? "–"}</td>
                <td className="p-2 text-right tabular-nums">{l.counted ?? 0}</td>
                <td className={`p-2 text-right tabular-nums ${l.corrected ? "text-ui-fg-error font-semibold" : ""}`}>
                  {l.corrected ? (l.corrected > 0 ? `+${l.corrected}` : l.corrected) : "0"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  )
}
