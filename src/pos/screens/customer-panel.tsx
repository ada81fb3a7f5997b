import { Badge, Button, Heading, Input, Text } from "@medusajs/ui"
import React, { useCallback, useEffect, useState } from "react"
import { Overlay } from "../components/pin-pad"
import { formatMoney } from "../lib/money"
import { usePos } from "../state"

type Consent = { purpose: string; granted: boolean; changed_at: string | null; source: string | null; wording: string }
type Profile = {
  customer: { id: string; first_name: string | null; last_name: string | null; email: string; phone: string | null }
  consents: Consent[]
  purchases: { order_id: string; display_id: number; placed_at: string; total: number; channel: { kind: string; name: string | null }; items: { title: string; variant_title: string | null; quantity: number }[] }[] | null
  returns: { return_id: string; order_id: string; status: string; quantity: number }[] | null
  sizes: { size: string; quantity: number }[] | null
  notes: { id: string; text: string; created_at: string }[] | null
  recently_viewed: { product_id: string; title: string | null; viewed_at: string }[] | null
  recommendations: { product_id: string; title: string | null; bought_together: number }[] | null
  next_sizes?:
    | {
        product_id: string
        title: string
        bought_size: string
        size: string
        sku: string | null
        here: number
        nearby: { store_id: string | null; name: string; available: number; distance_km: number | null }[]
      }[]
    | null
  hidden: { section: string; reason: string }[]
}

const PURPOSE_LABELS: Record<string, string> = {
  purchase_history: "Purchase history",
  recommendations: "Suggestions",
  browsing_history: "Products viewed online",
  marketing_contact: "Marketing contact",
}

/**
 * The customer panel (docs/customers.md): what the sale needs always; purchases in every channel,
 * sizes, notes, products viewed online and suggestions only for what the customer agreed to, each
 * hidden part saying why. Consent is changed here only for the customer of the open sale, at the
 * counter.
 */
export function CustomerPanel(props: { customerId: string; saleId: string; onClose: () => void }) {
  const { api, info, fail } = usePos()
  const storeId = info?.store.id
  const [profile, setProfile] = useState<Profile | null>(null)
  const [note, setNote] = useState("")
  const [busy, setBusy] = useState<string | null>(null)
  const money = (n: number) => formatMoney(n, info?.currency ?? null)

  const load = useCallback(async () => {
    try {
      const { profile } = await api.get<{ profile: Profile }>(`/terminal/stores/${storeId}/customers/${props.customerId}/profile`)
      setProfile(profile)
    } catch (error) {
      fail(error)
    }
  }, [api, storeId, props.customerId, fail])

  useEffect(() => {
    void load()
  }, [load])

  async function act(label: string, call: () => Promise<unknown>) {
    setBusy(label)
    try {
      await call()
      await load()
    } catch (error) {
      fail(error)
    } finally {
      setBusy(null)
    }
  }

  const base = `/terminal/stores/${storeId}/customers/${props.customerId}`
  const name = profile ? [profile.customer.first_name, profile.customer.last_name].filter(Boolean).join(" ") || profile.customer.email : "…"
  return (
    <Overlay label="Customer" wide>
      <div className="flex w-full flex-col gap-4" data-testid="customer-panel">
        <div className="flex items-start justify-between gap-2">
          <div className="min-w-0">
            <Heading level="h2">{name}</Heading>
            {profile && (
              <Text size="small" className="text-ui-fg-subtle break-all">
                {profile.customer.email}
                {profile.customer.phone ? ` · ${profile.customer.phone}` : ""}
              </Text>
            )}
          </div>
          <Button variant="secondary" className="pos-target" onClick={props.onClose}>
            Close
          </Button>
        </div>

        {!profile ? (
          <Text>Loading…</Text>
        ) : (
          <>
            <section aria-label="Consent" className="flex flex-col gap-2">
              <Text size="small" weight="plus">
                Consent (change only with the customer here)
              </Text>
              <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
                {profile.consents.map((c) => (
                  <div key={c.purpose} className="border-ui-border-base flex items-center justify-between gap-2 rounded-lg border p-2" data-testid={`consent-${c.purpose}`}>
                    <div className="min-w-0">
                      <Text size="small" weight="plus">
                        {PURPOSE_LABELS[c.purpose] ?? c.purpose}
                      </Text>
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {c.granted ? "Agreed" : c.changed_at ? "Withdrawn" : "Never asked"}
                        {c.changed_at ? ` ${new Date(c.changed_at).toLocaleDateString()} (${c.source})` : ""}
                      </Text>
                    </div>
                    <Button
                      size="small"
                      variant="secondary"
                      className="pos-target shrink-0"
                      isLoading={busy === c.purpose}
                      title={c.wording}
                      onClick={() =>
                        act(c.purpose, () =>
                          api.post(`${base}/consents`, { changes: [{ purpose: c.purpose, granted: !c.granted, wording: c.wording }], sale_id: props.saleId })
                        )
                      }
                    >
                      {c.granted ? "Withdraw" : "Agree"}
                    </Button>
                  </div>
                ))}
              </div>
            </section>

            {profile.hidden.length > 0 && (
              <ul className="text-ui-fg-subtle flex flex-col gap-1" data-testid="customer-hidden">
                {profile.hidden.map((h) => (
                  <li key={h.section}>
                    <Text size="small">{h.reason}</Text>
                  </li>
                ))}
              </ul>
            )}

            {profile.sizes && profile.sizes.length > 0 && (
              <div className="flex flex-wrap items-center gap-2" data-testid="customer-sizes">
                <Text size="small" weight="plus">
                  Sizes bought
                </Text>
                {profile.sizes.map((s) => (
                  <Badge key={s.size} size="small">
                    {s.size} × {s.quantity}
                  </Badge>
                ))}
              </div>
            )}

            {profile.purchases && (
              <section aria-label="Purchases" className="flex flex-col gap-1" data-testid="customer-purchases">
                <Text size="small" weight="plus">
                  Purchases ({profile.purchases.length}){profile.returns?.length ? ` · ${profile.returns.length} return(s)` : ""}
                </Text>
                {profile.purchases.length === 0 && <Text size="small">No purchases yet.</Text>}
                {profile.purchases.slice(0, 8).map((p) => (
                  <div key={p.order_id} className="border-ui-border-base flex justify-between gap-2 border-b py-1">
                    <div className="min-w-0">
                      <Text size="small" className="truncate">
                        #{p.display_id} · {p.channel.kind === "store" ? p.channel.name ?? "A store" : "Online"} · {new Date(p.placed_at).toLocaleDateString()}
                      </Text>
                      <Text size="xsmall" className="text-ui-fg-subtle truncate">
                        {p.items.map((i) => `${i.quantity} × ${i.title}${i.variant_title ? ` (${i.variant_title})` : ""}`).join(", ")}
                      </Text>
                    </div>
                    <Text size="small" className="shrink-0">
                      {money(Number(p.total))}
                    </Text>
                  </div>
                ))}
              </section>
            )}

            {profile.recently_viewed && profile.recently_viewed.length > 0 && (
              <section aria-label="Viewed online" className="flex flex-col gap-1" data-testid="customer-viewed">
                <Text size="small" weight="plus">
                  Viewed online
                </Text>
                <Text size="small">{profile.recently_viewed.map((v) => v.title ?? v.product_id).join(" · ")}</Text>
              </section>
            )}

            {profile.recommendations && profile.recommendations.length > 0 && (
              <section aria-label="Suggestions" className="flex flex-col gap-1" data-testid="customer-suggestions">
                <Text size="small" weight="plus">
                  Often bought with what they own
                </Text>
                <Text size="small">{profile.recommendations.map((r) => r.title ?? r.product_id).join(" · ")}</Text>
              </section>
            )}

            {profile.next_sizes && profile.next_sizes.length > 0 && (
              <section aria-label="Next sizes" className="flex flex-col gap-1" data-testid="customer-next-sizes">
                <Text size="small" weight="plus">
                  Next sizes of what they bought
                </Text>
                {profile.next_sizes.map((n) => (
                  <Text size="small" key={`${n.product_id}-${n.size}`}>
                    {n.title}: {n.size} (bought {n.bought_size}) ·{" "}
                    {n.here > 0 ? `${n.here} here` : "none here"}
                    {n.nearby.length > 0 ? ` · ${n.nearby.map((s) => `${s.available} at ${s.name}`).join(", ")}` : ""}
                  </Text>
                ))}
              </section>
            )}

            {profile.notes && (
              <section aria-label="Notes" className="flex flex-col gap-2" data-testid="customer-notes">
                <Text size="small" weight="plus">
                  Notes
                </Text>
                {profile.notes.map((n) => (
                  <Text key={n.id} size="small">
                    {n.text}
                  </Text>
                ))}
                <form
                  className="flex gap-2"
                  onSubmit={(e) => {
                    e.preventDefault()
                    const text = note.trim()
                    if (text) {
                      void act("note", async () => {
                        await api.post(`${base}/notes`, { text })
                        setNote("")
                      })
                    }
                  }}
                >
                  <div className="min-w-0 flex-1">
                    <Input aria-label="New note" placeholder="Sizes, preferences…" className="h-11" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
                  </div>
                  <Button type="submit" variant="secondary" className="pos-target" isLoading={busy === "note"} disabled={!note.trim()}>
                    Add note
                  </Button>
                </form>
              </section>
            )}
          </>
        )}
      </div>
    </Overlay>
  )
}
