import { Button, Heading, Text } from "@medusajs/ui"
import React, { useEffect, useRef, useState } from "react"
import { ApiError } from "../lib/api"

/**
 * A PIN pad: big digit keys for touch, and the keyboard (digits, Backspace,
 * Enter, Escape). `submit` runs with the PIN; its error stays on the pad.
 */
export function PinPad(props: {
  title: string
  description?: string
  submit: (pin: string) => Promise<void>
  onCancel?: () => void
  cancelLabel?: string
}) {
  const [pin, setPin] = useState("")
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const ref = useRef<HTMLDivElement>(null)

  useEffect(() => ref.current?.focus(), [])

  async function go() {
    if (pin.length < 4 || busy) return
    setBusy(true)
    setError(null)
    try {
      await props.submit(pin)
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e))
      setPin("")
    } finally {
      setBusy(false)
    }
  }

  function key(k: string) {
    if (busy) return
    if (/^\d$/.test(k)) setPin((p) => (p.length < 8 ? p + k : p))
    else if (k === "Backspace") setPin((p) => p.slice(0, -1))
    else if (k === "Enter") void go()
    else if (k === "Escape") props.onCancel?.()
  }

  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="dialog"
      aria-label={props.title}
      className="flex w-full max-w-sm flex-col gap-4 outline-none"
      onKeyDown={(e) => {
        key(e.key)
        if (/^\d$|^Backspace$|^Enter$|^Escape$/.test(e.key)) e.preventDefault()
      }}
    >
      <div className="text-center">
        <Heading level="h2">{props.title}</Heading>
        {props.description && <Text className="text-ui-fg-subtle mt-1">{props.description}</Text>}
      </div>
      <div className="flex justify-center gap-3" aria-live="polite" aria-label={`${pin.length} digits entered`}>
        {Array.from({ length: Math.max(4, pin.length) }, (_, i) => (
          <span
            key={i}
            className={`h-4 w-4 rounded-full border ${i < pin.length ? "bg-ui-fg-base border-ui-fg-base" : "border-ui-border-strong"}`}
          />
        ))}
      </div>
      {error && (
        <Text role="alert" className="text-ui-fg-error text-center" data-testid="pin-error">
          {error}
        </Text>
      )}
      <div className="grid grid-cols-3 gap-2">
        {["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((d) => (
          <PinKey key={d} label={d} onPress={() => key(d)} />
        ))}
        <PinKey label="⌫" aria="Delete a digit" onPress={() => key("Backspace")} />
        <PinKey label="0" onPress={() => key("0")} />
        <PinKey label="OK" aria="Enter PIN" onPress={() => void go()} disabled={pin.length < 4} strong />
      </div>
      {props.onCancel && (
        <Button variant="secondary" size="large" className="pos-target w-full" onClick={props.onCancel} disabled={busy}>
          {props.cancelLabel ?? "Cancel"}
        </Button>
      )}
      {busy && <Text className="text-ui-fg-muted text-center">Checking…</Text>}
    </div>
  )
}

function PinKey(props: { label: string; aria?: string; onPress: () => void; disabled?: boolean; strong?: boolean }) {
  return (
    <button
      type="button"
      aria-label={props.aria ?? props.label}
      disabled={props.disabled}
      onClick={props.onPress}
      className={`h-16 rounded-lg text-2xl font-medium shadow-buttons-neutral transition-colors disabled:opacity-40 ${
        props.strong ? "bg-ui-button-inverted text-ui-fg-on-inverted" : "bg-ui-button-neutral hover:bg-ui-button-neutral-hover"
      }`}
    >
      {props.label}
    </button>
  )
}

/** A full-screen layer over the till, for the PIN pad and other dialogs. */
export function Overlay(props: { children: React.ReactNode; label: string; wide?: boolean }) {
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center overflow-y-auto bg-black/40 p-4" role="presentation">
      <div
        role="dialog"
        aria-modal="true"
        aria-label={props.label}
        className={`bg-ui-bg-base shadow-elevation-modal flex max-h-full w-full flex-col items-center overflow-y-auto rounded-xl p-6 ${
          props.wide ? "max-w-2xl" : "max-w-md"
        }`}
      >
        {props.children}
      </div>
    </div>
  )
}
