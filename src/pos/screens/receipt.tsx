import { Button, Heading, Input, Text, toast } from "@medusajs/ui"
import React, { useEffect, useState } from "react"
import { Overlay } from "../components/pin-pad"
import { formatMoney } from "../lib/money"
import type { Receipt } from "../lib/types"
import { usePos } from "../state"

/** A receipt on screen, printed through the browser's dialog on 80 mm paper (the server's HTML receipt). */
export function ReceiptView(props: { receipt: Receipt; onDone: () => void; doneLabel?: string }) {
  const { api, info, fail } = usePos()
  const [receipt, setReceipt] = useState(props.receipt)
  useEffect(() => setReceipt(props.receipt), [props.receipt])
  // gift cards sold are issued by the loyalty plugin a moment after the sale: their codes are read again until they are there
  const issuing = receipt.gift_cards?.issuing ?? 0
  useEffect(() => {
    if (!issuing) return
    let tries = 0
    const timer = window.setInterval(async () => {
      tries++
      try {
        const answer = await api.get<{ receipt: Receipt }>(`/terminal/orders/${receipt.order.id}/receipt`)
        if (!answer.receipt.gift_cards?.issuing || tries >= 30) {
          window.clearInterval(timer)
        }
        setReceipt(answer.receipt)
      } catch {
        if (tries >= 30) window.clearInterval(timer)
      }
    }, 1000)
    return () => window.clearInterval(timer)
  }, [issuing, receipt.order.id, api])
  const [printing, setPrinting] = useState(false)
  const [emailing, setEmailing] = useState(false)
  const money = (n: number | null | undefined) => formatMoney(n, info?.currency ?? null)

  async function print() {
    setPrinting(true)
    try {
      const html = await api.text(`/terminal/orders/${receipt.order.id}/receipt?format=html`)
      printHtml(html)
    } catch (error) {
      fail(error)
    } finally {
      setPrinting(false)
    }
  }

  return (
    <main className="flex flex-1 flex-col items-center gap-4 overflow-y-auto p-4" data-testid="receipt">
      <article className="bg-ui-bg-base shadow-elevation-card-rest w-full max-w-md rounded-lg p-5 font-mono text-sm" aria-label="Receipt">
        <div className="text-center">
          <p className="font-semibold">{receipt.store.name}</p>
          {receipt.store.address.map((line) => (
            <p key={line}>{line}</p>
          ))}
          <p className="text-ui-fg-subtle mt-1">
            {new Date(receipt.order.created_at).toLocaleString()} · {receipt.register.name} · {receipt.staff.name}
          </p>
          <p className="mt-1" data-testid="receipt-code">
            {receipt.receipt_code} · order #{receipt.order.display_id}
          </p>
        </div>
        <hr className="border-ui-border-base my-3 border-dashed" />
        {receipt.lines.map((line, i) => (
          <div key={i} className="mb-1">
            <div className="flex justify-between gap-2">
              <span>
                {line.quantity} × {line.title}
              </span>
              <span className="tabular-nums">{money(line.total)}</span>
            </div>
            {line.fulfillment_note && <p className="text-ui-fg-subtle">{line.fulfillment_note}</p>}
          </div>
        ))}
        <hr className="border-ui-border-base my-3 border-dashed" />
        <Row label="Subtotal" value={money(receipt.order.subtotal)} />
        {!!receipt.order.discount_total && <Row label="Discounts" value={money(-receipt.order.discount_total)} />}
        {receipt.taxes.map((t) => (
          <Row key={`${t.description}-${t.rate}`} label={`${t.description} ${t.rate}%`} value={money(t.amount)} />
        ))}
        <Row label="Total" value={money(receipt.order.total)} strong testid="receipt-total" />
        {receipt.tenders.map((t, i) => (
          <React.Fragment key={i}>
            <Row
              label={
                t.type === "cash"
                  ? `Cash${t.tendered ? ` (given ${money(t.tendered)})` : ""}`
                  : t.type === "gift_card"
                    ? `Gift card ${t.code ?? ""}`
                    : t.type === "store_credit"
                      ? "Store credit"
                      : t.simulated
                        ? "Card (simulated, no money moved)"
                        : "Card"
              }
              value={money(t.amount)}
            />
            {t.balance_after != null && <Row label="  Balance left" value={money(t.balance_after)} />}
          </React.Fragment>
        ))}
        {!!receipt.change_due && <Row label="Change" value={money(receipt.change_due)} strong testid="receipt-change" />}
        {!!(receipt.gift_cards?.issued.length || receipt.gift_cards?.issuing) && (
          <div className="mt-3" data-testid="receipt-gift-cards">
            {receipt.gift_cards!.issued.map((g) => (
              <div key={g.code} className="text-center">
                <p>Gift card {money(g.value)}</p>
                <p className="text-base font-semibold tracking-wide">{g.code}</p>
              </div>
            ))}
            {!!receipt.gift_cards!.issuing && (
              <p className="text-ui-fg-subtle text-center">
                {receipt.gift_cards!.issuing} gift card code(s) being issued…
              </p>
            )}
          </div>
        )}
        {receipt.loyalty && (
          <Row label={`Loyalty earned${receipt.loyalty.credited ? "" : " (once paid)"}`} value={money(receipt.loyalty.earned)} testid="receipt-loyalty" />
        )}
        <p className="text-ui-fg-subtle mt-3 text-center">{receipt.return_policy}</p>
      </article>
      <div className="grid w-full max-w-md grid-cols-3 gap-2">
        <Button variant="secondary" size="xlarge" className="pos-target w-full" isLoading={printing} onClick={print} data-testid="print-receipt">
          Print
        </Button>
        <Button variant="secondary" size="xlarge" className="pos-target w-full" onClick={() => setEmailing(true)} data-testid="email-receipt">
          Email
        </Button>
        <Button size="xlarge" className="pos-target w-full" onClick={props.onDone} data-testid="new-sale">
          {props.doneLabel ?? "New sale"}
        </Button>
      </div>
      {emailing && <EmailReceipt orderId={receipt.order.id} email={receipt.order.email} onClose={() => setEmailing(false)} />}
    </main>
  )
}

/** Emails the receipt: to the order's email, or the one typed (the customer's wish, at the counter). */
function EmailReceipt(props: { orderId: string; email: string | null; onClose: () => void }) {
  const { api, fail } = usePos()
  const [email, setEmail] = useState(props.email ?? "")
  const [busy, setBusy] = useState(false)
  // kept for this form: sending twice after a lost answer emails once
  const [key] = useState(() => `email-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`)

  async function send(e: React.FormEvent) {
    e.preventDefault()
    setBusy(true)
    try {
      const { sent_to } = await api.post<{ sent_to: string }>(`/terminal/orders/${props.orderId}/receipt/email`, {
        email: email.trim(),
        // one send per address from this form: a corrected address is sent too
        idempotency_key: `${key}-${email.trim().toLowerCase()}`.slice(0, 100),
      })
      toast.success(`Receipt sent to ${sent_to}`)
      props.onClose()
    } catch (error) {
      fail(error)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Overlay label="Email the receipt">
      <form onSubmit={send} className="flex w-full flex-col gap-3">
        <Heading level="h2">Email the receipt</Heading>
        <Input autoFocus type="email" required aria-label="Customer email" placeholder="customer@example.com" className="h-12" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="receipt-email" />
        <div className="grid grid-cols-2 gap-2">
          <Button type="button" variant="secondary" size="large" className="pos-target w-full" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" size="large" className="pos-target w-full" isLoading={busy} data-testid="send-receipt">
            Send
          </Button>
        </div>
      </form>
    </Overlay>
  )
}

function Row(props: { label: string; value: string; strong?: boolean; testid?: string }) {
  return (
    <div className={`flex justify-between gap-2 ${props.strong ? "font-semibold" : ""}`}>
      <span>{props.label}</span>
      <span className="tabular-nums" data-testid={props.testid}>
        {props.value}
      </span>
    </div>
  )
}

/** Prints an HTML document (the server's 80 mm receipt) in a hidden frame, through the browser's print dialog. */
export function printHtml(html: string) {
  const frame = document.createElement("iframe")
  frame.setAttribute("aria-hidden", "true")
  frame.style.position = "fixed"
  frame.style.width = "0"
  frame.style.height = "0"
  frame.style.border = "0"
  frame.srcdoc = html
  frame.onload = () => {
    frame.contentWindow?.focus()
    frame.contentWindow?.print()
    setTimeout(() => frame.remove(), 60_000)
  }
  document.body.appendChild(frame)
}

/** Reprint: find a past sale by its receipt code (scanned or typed) and show its receipt. */
export function ReceiptFinder(props: { onClose: () => void }) {
  const { api, setup, fail } = usePos()
  const [code, setCode] = useState("")
  const [busy, setBusy] = useState(false)
  const [found, setFound] = useState<Receipt | null>(null)

  async function find(e: React.FormEvent) {
    e.preventDefault()
    setBusy(true)
    try {
      const { orders } = await api.get<{ orders: { id: string }[] }>(
        `/terminal/orders?store_id=${setup!.store_id}&q=${encodeURIComponent(code.trim())}`
      )
      if (!orders.length) throw new Error(`No sale has the receipt code ${code.trim()}`)
      const { receipt } = await api.get<{ receipt: Receipt }>(`/terminal/orders/${orders[0].id}/receipt?format=json`)
      setFound(receipt)
    } catch (error) {
      fail(error)
    } finally {
      setBusy(false)
    }
  }

  if (found) {
    return (
      <Overlay label="Receipt" wide>
        <ReceiptView receipt={found} onDone={props.onClose} doneLabel="Close" />
      </Overlay>
    )
  }
  return (
    <Overlay label="Find a receipt">
      <form onSubmit={find} className="flex w-full flex-col gap-3">
        <Heading level="h2">Reprint a receipt</Heading>
        <Text className="text-ui-fg-subtle">Scan the receipt's barcode or type its code (or the order number).</Text>
        <Input autoFocus aria-label="Receipt code" className="h-12" value={code} onChange={(e) => setCode(e.target.value)} data-testid="receipt-code-input" />
        <div className="grid grid-cols-2 gap-2">
          <Button type="button" variant="secondary" size="large" className="pos-target w-full" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" size="large" className="pos-target w-full" isLoading={busy} disabled={!code.trim()}>
            Find
          </Button>
        </div>
      </form>
    </Overlay>
  )
}
