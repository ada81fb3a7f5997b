import { Badge, Toaster } from "@medusajs/ui"
import React, { useState } from "react"
import { Header } from "./components/header"
import { Overlay, PinPad } from "./components/pin-pad"
import { LockScreen } from "./screens/lock"
import { OfflineSell } from "./screens/offline-sell"
import { summary, SyncPanel } from "./screens/sync"
import { ReceiptFinder } from "./screens/receipt"
import { Sell } from "./screens/sell"
import { Centered, Setup } from "./screens/setup"
import { OpenShift, ShiftPanel } from "./screens/shift"
import { SignIn } from "./screens/sign-in"
import { PosProvider, usePos } from "./state"

export function App() {
  return (
    <ErrorBoundary>
      <PosProvider>
        <Screens />
        <Toaster position="top-center" duration={6000} />
      </PosProvider>
    </ErrorBoundary>
  )
}

/** Never a blank screen: a fault of the page itself says what happened and offers a reload (the queue is kept). */
class ErrorBoundary extends React.Component<{ children: React.ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null }
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  render() {
    if (!this.state.error) return this.props.children
    return (
      <main className="flex min-h-full flex-col items-center justify-center gap-4 p-6 text-center" role="alert">
        <p className="txt-large-plus">The till hit a fault of its own: {this.state.error.message}</p>
        <p className="text-ui-fg-subtle">Sales kept on this device are safe. Reload to carry on.</p>
        <button type="button" className="pos-target bg-ui-button-inverted text-ui-fg-on-inverted rounded-lg px-6" onClick={() => location.reload()}>
          Reload
        </button>
      </main>
    )
  }
}

function Screens() {
  const { session, setup, memberships, info, register, shift, locked, pinRequest, closePin, online, queued, syncing, lastReport, offlineDraftOpen, loadError, signOut } =
    usePos()
  const [panel, setPanel] = useState<"shift" | "receipts" | "sync" | null>(null)

  if (!session) return <SignIn />
  if (locked) return <LockScreen />
  const member = memberships?.some((m) => m.store.id === setup?.store_id)
  if (!setup || (memberships && !member)) return <Setup />
  if (loadError && (!info || shift === undefined)) {
    return (
      <Centered>
        <p className="txt-large-plus" role="alert">The till could not load: {loadError}</p>
        <div className="mt-4 flex gap-2">
          <button type="button" className="pos-target bg-ui-button-inverted text-ui-fg-on-inverted rounded-lg px-6" onClick={() => location.reload()}>
            Try again
          </button>
          <button type="button" className="pos-target rounded-lg border px-6" onClick={signOut}>
            Sign out
          </button>
        </div>
      </Centered>
    )
  }
  if (!info) return <Centered>Loading the store…</Centered>
  if (!register || !register.is_active) return <Setup />

  return (
    <div className="flex h-full flex-col">
      <Header
        onShift={online ? () => setPanel("shift") : undefined}
        onReceipts={online ? () => setPanel("receipts") : undefined}
        status={<OfflineStatus online={online} queued={queued} syncing={syncing} onOpen={() => setPanel("sync")} />}
      />
      {lastReport && panel !== "sync" && <LastSync onOpen={() => setPanel("sync")} />}
      {shift === undefined ? (
        <Centered>Loading the shift…</Centered>
      ) : shift === null ? (
        online ? <OpenShift /> : <Centered>Offline: this register has no open shift it knows of. Open one when the network is back.</Centered>
      ) : online && !offlineDraftOpen ? (
        <Sell overlayOpen={!!panel || !!pinRequest} />
      ) : (
        <OfflineSell />
      )}
      {panel === "sync" && (
        <Overlay label="Offline sales" wide>
          <SyncPanel onClose={() => setPanel(null)} />
        </Overlay>
      )}
      {panel === "shift" && (
        <Overlay label="Shift" wide>
          <ShiftPanel onClose={() => setPanel(null)} />
        </Overlay>
      )}
      {panel === "receipts" && <ReceiptFinder onClose={() => setPanel(null)} />}
      {pinRequest && (
        <Overlay label={pinRequest.title}>
          <PinPad
            title={pinRequest.title}
            description={pinRequest.description}
            submit={async (pin) => {
              await pinRequest.submit(pin)
              closePin(true)
            }}
            onCancel={() => closePin(false)}
          />
        </Overlay>
      )}
    </div>
  )
}

function OfflineStatus(props: { online: boolean; queued: number; syncing: boolean; onOpen: () => void }) {
  if (props.online && !props.queued) return null
  return (
    <button type="button" className="pos-target flex items-center" onClick={props.onOpen} data-testid="offline-status">
      <Badge color={props.online ? "blue" : "orange"} size="small">
        {props.online ? "" : "Offline · "}
        {props.syncing ? "sending…" : `${props.queued} sale(s) queued`}
      </Badge>
    </button>
  )
}

function LastSync(props: { onOpen: () => void }) {
  const { lastReport } = usePos()
  if (!lastReport) return null
  return (
    <button
      type="button"
      onClick={props.onOpen}
      className="bg-ui-bg-highlight text-ui-fg-base pos-target w-full px-3 text-left"
      data-testid="last-sync"
      role="status"
    >
      Offline sales sent: {summary(lastReport)}. Tap for the report.
    </button>
  )
}
