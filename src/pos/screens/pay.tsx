import { Cash, CreditCard, Gift, User } from "@medusajs/icons"
import { Badge, Button, Heading, Input, Text } from "@medusajs/ui"
import React, { useEffect, useRef, useState } from "react"
import { QuickCashKeys } from "../components/keys"
import { Overlay } from "../components/pin-pad"
import { formatMoney } from "../lib/money"
import type { GiftCardBalance, Receipt, Sale, Tender } from "../lib/types"
import { usePos } from "../state"

const newKey = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `k${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`

type TenderAnswer = { tender: Tender; sale: Sale; replayed?: boolean }

/**
 * Taking payment: cash with quick amounts and change due, card on the
 * register's reader with its live status and cancel, several tenders on one
 * sale, then completion. Each tender is sent with an idempotency key kept
 * until it is answered, so a retry after a lost answer never takes money twice.
 */
export function PayPanel(props: { sale: Sale; onSale: (sale: Sale) => void; onClose: () => void; onCompleted: (receipt: Receipt) => void }) {
  const { api, info, register, fail, online, setup } = usePos()
  const { sale } = props
  const decimals = info?.currency?.decimal_digits ?? 2
  const money = (n: number | null | undefined) => formatMoney(n, info?.currency ?? null)
  const [mode, setMode] = useState<"cash" | "card" | "gift_card" | "store_credit">("cash")
  const [code, setCode] = useState("")
  const [balance, setBalance] = useState<GiftCardBalance | null>(null)
  const [custom, setCustom] = useState("")
  const [busy, setBusy] = useState<string | null>(null)
  const [change, setChange] = useState<number | null>(null)
  // The key of a tender not yet answered is kept on the device: after a lost answer, a reload or
  // a fall to offline and back, the same tender asked again takes nothing twice.
  const keyStore = `pos.tender-key.${sale.id}`
  const pendingKey = useRef<{ body: string; key: string } | null>(
    (() => {
      try {
        return JSON.parse(localStorage.getItem(keyStore) ?? "null")
      } catch {
        return null
      }
    })()
  )
  const card = sale.tenders.find((t) => t.type === "card" && t.status === "pending")

  // The card on the reader: refreshed until it is approved, declined or canceled.
  useEffect(() => {
    if (!card) return
    const timer = window.setInterval(async () => {
      try {
        const answer = await api.post<TenderAnswer>(`/terminal/sales/${sale.id}/tenders/${card.id}/refresh`)
        if (answer.tender.status !== "pending") props.onSale(answer.sale)
      } catch (error) {
        fail(error)
      }
    }, 1500)
    return () => window.clearInterval(timer)
  }, [card?.id, sale.id, api]) // eslint-disable-line react-hooks/exhaustive-deps

  async function tender(body: Record<string, unknown>, label: string) {
    const text = JSON.stringify(body)
    // the same tender asked again (a lost answer, a double tap) reuses its key
    if (!pendingKey.current || pendingKey.current.body !== text) {
      pendingKey.current = { body: text, key: newKey() }
      localStorage.setItem(keyStore, JSON.stringify(pendingKey.current))
    }
    setBusy(label)
    try {
      const answer = await api.post<TenderAnswer>(`/terminal/sales/${sale.id}/tenders`, {
        ...body,
        idempotency_key: pendingKey.current.key,
      })
      pendingKey.current = null
      localStorage.removeItem(keyStore)
      props.onSale(answer.sale)
      if (answer.tender.type === "cash") setChange(answer.tender.change_due ?? 0)
      setCustom("")
      setCode("")
      setBalance(null)
    } catch (error) {
      fail(error)
    } finally {
      setBusy(null)
    }
  }

  /** A gift card's balance by its code, typed or scanned: shown before it is used. */
  async function checkBalance() {
    if (!code.trim() || !setup) return
    setBusy("balance")
    try {
      const answer = await api.get<{ gift_card: GiftCardBalance }>(`/terminal/stores/${setup.store_id}/gift-cards/${encodeURIComponent(code.trim())}`)
      setBalance(answer.gift_card)
    } catch (error) {
      setBalance(null)
      fail(error)
    } finally {
      setBusy(null)
    }
  }

  async function simulate(outcome: "approved" | "declined") {
    if (!card) return
    setBusy(outcome)
    try {
      const answer = await api.post<TenderAnswer>(`/terminal/sales/${sale.id}/tenders/${card.id}/simulate`, { outcome })
      props.onSale(answer.sale)
    } catch (error) {
      fail(error)
    } finally {
      setBusy(null)
    }
  }

  async function cancelCard() {
    if (!card) return
    setBusy("cancel")
    try {
      const answer = await api.post<TenderAnswer>(`/terminal/sales/${sale.id}/tenders/${card.id}/cancel`)
      props.onSale(answer.sale)
    } catch (error) {
      fail(error)
    } finally {
      setBusy(null)
    }
  }

  async function complete() {
    setBusy("complete")
    try {
      const answer = await api.post<{ receipt: Receipt }>(`/terminal/sales/${sale.id}/complete`)
      props.onCompleted(answer.receipt)
    } catch (error) {
      fail(error)
      try {
        props.onSale((await api.get<{ sale: Sale }>(`/terminal/sales/${sale.id}`)).sale)
      } catch {
        /* the message above is what counts */
      }
    } finally {
      setBusy(null)
    }
  }

  const due = Number(sale.due)
  const settled = due <= 0 && !card

  return (
    <Overlay label="Payment" wide>
      <div className="flex w-full flex-col gap-4" data-testid="pay-panel">
        <div className="flex items-start justify-between gap-3">
          <div>
            <Text className="text-ui-fg-subtle">Total {money(sale.total)}</Text>
            <Heading level="h1" className="tabular-nums" data-testid="amount-due">
              {due > 0 ? `${money(due)} due` : "Paid"}
            </Heading>
          </div>
          <Button variant="secondary" className="pos-target" onClick={props.onClose} disabled={!!busy || !!card}>
            Back
          </Button>
        </div>

        {change !== null && change > 0 && (
          <div className="bg-ui-tag-green-bg text-ui-tag-green-text rounded-lg p-3 text-xl font-medium" role="status" data-testid="change-due">
            Change due: {money(change)}
          </div>
        )}

        {sale.tenders.length > 0 && (
          <ul className="flex flex-col gap-1" data-testid="tenders">
            {sale.tenders.map((t) => (
              <li key={t.id} className="flex items-center justify-between gap-2">
                <Text>
                  {tenderLabel(t)} {money(t.amount)}
                  {t.type === "cash" && t.tendered && Number(t.tendered) !== Number(t.amount) ? ` (given ${money(t.tendered)})` : ""}
                  {t.balance_after != null ? ` · ${money(t.balance_after)} left` : ""}
                </Text>
                <Badge size="small" color={t.status === "succeeded" ? "green" : t.status === "pending" ? "orange" : "red"}>
                  {t.status === "succeeded" ? "approved" : t.status === "pending" ? "waiting" : t.status}
                  {t.failure_reason ? `: ${t.failure_reason}` : ""}
                </Badge>
              </li>
            ))}
          </ul>
        )}

        {card ? (
          <div className="border-ui-border-base flex flex-col items-center gap-3 rounded-lg border p-6 text-center" data-testid="card-waiting" role="status">
            <CreditCard />
            <Text weight="plus" className="text-lg">
              Waiting for the card on {register?.name ?? "the reader"}: {money(card.amount)}
            </Text>
            {card.simulated ? (
              <>
                <Badge color="orange" data-testid="simulated-reader">
                  Simulated reader: training only, no money moves
                </Badge>
                <div className="grid w-full grid-cols-2 gap-2">
                  <Button size="large" className="pos-target w-full" isLoading={busy === "approved"} disabled={!!busy} onClick={() => simulate("approved")} data-testid="simulate-approve">
                    Approve card
                  </Button>
                  <Button variant="secondary" size="large" className="pos-target w-full" isLoading={busy === "declined"} disabled={!!busy} onClick={() => simulate("declined")} data-testid="simulate-decline">
                    Decline card
                  </Button>
                </div>
              </>
            ) : (
              <Text className="text-ui-fg-subtle">The customer taps, inserts or swipes their card on the reader.</Text>
            )}
            <Button variant="secondary" className="pos-target" isLoading={busy === "cancel"} disabled={!!busy} onClick={cancelCard}>
              Cancel card payment
            </Button>
          </div>
        ) : settled ? null : (
          <>
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-4" role="tablist" aria-label="Tender">
              <TabButton active={mode === "cash"} onClick={() => setMode("cash")} icon={<Cash />} label="Cash" />
              <TabButton active={mode === "card"} onClick={() => setMode("card")} icon={<CreditCard />} label="Card" />
              <TabButton active={mode === "gift_card"} onClick={() => setMode("gift_card")} icon={<Gift />} label="Gift card" disabled={!online} />
              <TabButton active={mode === "store_credit"} onClick={() => setMode("store_credit")} icon={<User />} label="Store credit" disabled={!online || !sale.customer_id} />
            </div>
            {mode === "gift_card" ? (
              <div className="flex flex-col gap-2" data-testid="gift-card-tender">
                <Text size="small" className="text-ui-fg-subtle">
                  Scan or type the card's code. Take gift cards before cash and card: a card pays as much of the sale as its balance covers.
                </Text>
                <form
                  className="flex gap-2"
                  onSubmit={(e) => {
                    e.preventDefault()
                    void checkBalance()
                  }}
                >
                  <div className="min-w-0 flex-1">
                    <Input
                      aria-label="Gift card code"
                      placeholder="GIFT-XXXX-XXXX-XXXX-XXXX"
                      className="h-12 font-mono uppercase"
                      autoComplete="off"
                      value={code}
                      onChange={(e) => {
                        setCode(e.target.value)
                        setBalance(null)
                      }}
                      data-testid="gift-card-code"
                    />
                  </div>
                  <Button type="submit" variant="secondary" size="xlarge" className="pos-target" isLoading={busy === "balance"} disabled={!code.trim()} data-testid="check-balance">
                    Check balance
                  </Button>
                </form>
                {balance && (
                  <div className="bg-ui-bg-subtle flex items-center justify-between gap-2 rounded-lg p-3" role="status" data-testid="gift-card-balance">
                    <Text weight="plus">
                      Gift card {balance.code}: {money(balance.balance)}
                      {balance.expired ? " (expired)" : ""}
                    </Text>
                    <Text className="text-ui-fg-subtle">pays {money(Math.min(balance.balance, due))}</Text>
                  </div>
                )}
                <Button
                  size="xlarge"
                  className="pos-target w-full"
                  isLoading={busy === "gift_card"}
                  disabled={!code.trim() || !!busy || (balance !== null && (balance.balance <= 0 || balance.expired))}
                  onClick={() => void tender({ type: "gift_card", code: code.trim() }, "gift_card")}
                  data-testid="use-gift-card"
                >
                  Use gift card
                </Button>
              </div>
            ) : mode === "store_credit" ? (
              <form
                className="flex gap-2"
                data-testid="store-credit-tender"
                onSubmit={(e) => {
                  e.preventDefault()
                  const amount = custom ? Number(custom.replace(",", ".")) : undefined
                  void tender({ type: "store_credit", ...(amount ? { amount } : {}) }, "store_credit")
                }}
              >
                <div className="min-w-0 flex-1">
                  <Input
                    aria-label="Store credit amount"
                    inputMode="decimal"
                    placeholder={`Amount (up to ${money(due)})`}
                    className="h-12"
                    value={custom}
                    onChange={(e) => setCustom(e.target.value)}
                    data-testid="store-credit-amount"
                  />
                </div>
                <Button type="submit" size="xlarge" className="pos-target" isLoading={busy === "store_credit"} data-testid="use-store-credit">
                  Use store credit
                </Button>
              </form>
            ) : mode === "cash" ? (
              <div className="flex flex-col gap-2">
                <QuickCashKeys
                  due={due}
                  decimals={decimals}
                  money={money}
                  busy={(amount) => busy === `cash-${amount}`}
                  disabled={!!busy}
                  onCash={(amount) => void tender({ type: "cash", amount }, `cash-${amount}`)}
                />
                <form
                  className="flex gap-2"
                  onSubmit={(e) => {
                    e.preventDefault()
                    const amount = Number(custom.replace(",", "."))
                    if (amount > 0) void tender({ type: "cash", amount }, "cash-custom")
                  }}
                >
                  <div className="min-w-0 flex-1">
                  <Input
                    aria-label="Cash amount given"
                    inputMode="decimal"
                    placeholder="Other amount (part payment or cash given)"
                    className="h-12"
                    value={custom}
                    onChange={(e) => setCustom(e.target.value)}
                    data-testid="cash-amount"
                  />
                  </div>
                  <Button type="submit" size="xlarge" className="pos-target" isLoading={busy === "cash-custom"} disabled={!custom}>
                    Take cash
                  </Button>
                </form>
              </div>
            ) : (
              <form
                className="flex gap-2"
                onSubmit={(e) => {
                  e.preventDefault()
                  const amount = custom ? Number(custom.replace(",", ".")) : due
                  if (amount > 0) void tender({ type: "card", amount }, "card")
                }}
              >
                <div className="min-w-0 flex-1">
                <Input
                  aria-label="Card amount"
                  inputMode="decimal"
                  placeholder={`Amount (${money(due)})`}
                  className="h-12"
                  value={custom}
                  onChange={(e) => setCustom(e.target.value)}
                  data-testid="card-amount"
                />
                </div>
                <Button type="submit" size="xlarge" className="pos-target" isLoading={busy === "card"} data-testid="charge-card">
                  Charge card
                </Button>
              </form>
            )}
          </>
        )}

        <Button
          size="xlarge"
          className="pos-target h-14 w-full text-lg"
          disabled={!settled || !!busy}
          isLoading={busy === "complete"}
          onClick={complete}
          data-testid="complete-sale"
        >
          Complete sale
        </Button>
      </div>
    </Overlay>
  )
}

/** How the tender list names a tender. */
export function tenderLabel(t: Pick<Tender, "type" | "simulated" | "code">) {
  switch (t.type) {
    case "cash":
      return "Cash"
    case "gift_card":
      return `Gift card ${t.code ?? ""}`.trim()
    case "store_credit":
      return "Store credit"
    default:
      return t.simulated ? "Card (simulated)" : "Card"
  }
}

function TabButton(props: { active: boolean; onClick: () => void; icon: React.ReactNode; label: string; disabled?: boolean }) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={props.active}
      onClick={props.onClick}
      disabled={props.disabled}
      className={`pos-target flex items-center justify-center gap-2 rounded-lg border text-lg disabled:opacity-40 ${
        props.active ? "border-ui-border-interactive bg-ui-bg-highlight" : "border-ui-border-base"
      }`}
    >
      {props.icon}
      {props.label}
    </button>
  )
}
