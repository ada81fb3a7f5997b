import { Button, Heading, Input, Label, Text } from "@medusajs/ui"
import React, { useState } from "react"
import { formatMoney } from "../lib/money"
import { usePos, type Shift } from "../state"

/** No open shift on this register: open one with the float counted into the drawer. */
export function OpenShift() {
  const { api, setup, info, setShift, fail } = usePos()
  const [float, setFloat] = useState("100")
  const [busy, setBusy] = useState(false)

  async function open(e: React.FormEvent) {
    e.preventDefault()
    setBusy(true)
    try {
      const { shift } = await api.post<{ shift: Shift }>(`/terminal/stores/${setup!.store_id}/shifts`, {
        register_id: setup!.register_id,
        opening_float: Number(float),
      })
      setShift(shift)
    } catch (error) {
      fail(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="flex flex-1 items-center justify-center p-4">
      <form onSubmit={open} className="bg-ui-bg-base shadow-elevation-card-rest flex w-full max-w-sm flex-col gap-4 rounded-xl p-6">
        <div>
          <Heading level="h1">Open a shift</Heading>
          <Text className="text-ui-fg-subtle mt-1">Count the cash in the drawer and enter it as the float.</Text>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="float">Opening float ({info?.currency?.code.toUpperCase()})</Label>
          <Input
            id="float"
            inputMode="decimal"
            className="h-11 text-lg"
            value={float}
            onChange={(e) => setFloat(e.target.value)}
            pattern="\d+([.,]\d+)?"
            required
            autoFocus
          />
        </div>
        <Button type="submit" size="xlarge" className="pos-target w-full" isLoading={busy}>
          Open shift
        </Button>
      </form>
    </main>
  )
}

type CloseResult = { expected_cash: number; counted_cash: number; variance: number }

/** Cash in and out with a reason, and closing with a count: expected, counted and variance. */
export function ShiftPanel(props: { onClose: () => void }) {
  const { api, shift, info, setShift, withApproval, fail } = usePos()
  const [amount, setAmount] = useState("")
  const [reason, setReason] = useState("")
  const [counted, setCounted] = useState("")
  const [busy, setBusy] = useState<string | null>(null)
  const [closed, setClosed] = useState<CloseResult | null>(null)
  const money = (n: number) => formatMoney(n, info?.currency ?? null)

  if (!shift && !closed) return null

  async function move(direction: 1 | -1) {
    const value = Number(amount)
    if (!(value > 0) || !reason.trim()) return fail(new Error("Enter an amount above 0 and a reason."))
    setBusy(direction > 0 ? "in" : "out")
    try {
      const done = await withApproval(direction > 0 ? "Cash in" : "Taking cash out", (approval_id) =>
        api.post(`/terminal/shifts/${shift!.id}/cash-movements`, {
          amount: direction * value,
          reason: reason.trim(),
          ...(approval_id ? { approval_id } : {}),
        })
      )
      if (done) {
        setAmount("")
        setReason("")
        const { shift: fresh } = await api.get<{ shift: Shift }>(`/terminal/shifts/${shift!.id}`)
        setShift(fresh)
      }
    } catch (error) {
      fail(error)
    } finally {
      setBusy(null)
    }
  }

  async function close(e: React.FormEvent) {
    e.preventDefault()
    setBusy("close")
    try {
      const answer = await withApproval("Closing with a cash variance", (approval_id) =>
        api.post<CloseResult>(`/terminal/shifts/${shift!.id}/close`, {
          counted_cash: Number(counted),
          ...(approval_id ? { approval_id } : {}),
        })
      )
      if (answer) setClosed(answer)
    } catch (error) {
      fail(error)
    } finally {
      setBusy(null)
    }
  }

  if (closed) {
    return (
      <div className="flex w-full flex-col gap-4" data-testid="shift-closed">
        <Heading level="h2">Shift closed</Heading>
        <dl className="grid grid-cols-2 gap-y-2 text-lg">
          <dt className="text-ui-fg-subtle">Expected</dt>
          <dd className="text-right" data-testid="expected-cash">{money(closed.expected_cash)}</dd>
          <dt className="text-ui-fg-subtle">Counted</dt>
          <dd className="text-right" data-testid="counted-cash">{money(closed.counted_cash)}</dd>
          <dt className="text-ui-fg-subtle">Variance</dt>
          <dd className={`text-right font-medium ${Number(closed.variance) ? "text-ui-fg-error" : ""}`} data-testid="variance">
            {money(closed.variance)}
          </dd>
        </dl>
        <Button
          size="xlarge"
          className="pos-target w-full"
          onClick={() => {
            setShift(null)
            props.onClose()
          }}
        >
          Done
        </Button>
      </div>
    )
  }

  const movements = shift!.cash_movements ?? []
  return (
    <div className="flex w-full flex-col gap-5">
      <div className="flex items-start justify-between gap-4">
        <div>
          <Heading level="h2">Shift</Heading>
          <Text className="text-ui-fg-subtle">
            Float {money(shift!.opening_float)} · opened {new Date(shift!.opened_at).toLocaleString()}
          </Text>
        </div>
        <Button variant="secondary" className="pos-target" onClick={props.onClose}>
          Back
        </Button>
      </div>
      <section className="flex flex-col gap-2" aria-label="Cash in or out">
        <Text weight="plus">Cash in or out</Text>
        <div className="grid grid-cols-2 gap-2">
          <Input aria-label="Amount" inputMode="decimal" placeholder="Amount" className="h-11" value={amount} onChange={(e) => setAmount(e.target.value)} />
          <Input aria-label="Reason" placeholder="Reason" className="h-11" value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <div className="grid grid-cols-2 gap-2">
          <Button variant="secondary" size="large" className="pos-target w-full" isLoading={busy === "in"} onClick={() => move(1)}>
            Cash in
          </Button>
          <Button variant="secondary" size="large" className="pos-target w-full" isLoading={busy === "out"} onClick={() => move(-1)}>
            Cash out
          </Button>
        </div>
        {movements.length > 0 && (
          <ul className="text-ui-fg-subtle txt-compact-small">
            {movements.map((m) => (
              <li key={m.id}>
                {money(m.amount)} · {m.reason}
              </li>
            ))}
          </ul>
        )}
      </section>
      <form onSubmit={close} className="flex flex-col gap-2" aria-label="Close the shift">
        <Text weight="plus">Close the shift</Text>
        <Label htmlFor="counted">Cash counted in the drawer</Label>
        <Input id="counted" inputMode="decimal" className="h-11" value={counted} onChange={(e) => setCounted(e.target.value)} required />
        <Button type="submit" variant="danger" size="large" className="pos-target w-full" isLoading={busy === "close"}>
          Close shift
        </Button>
      </form>
    </div>
  )
}
