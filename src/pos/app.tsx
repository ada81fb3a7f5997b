import { Badge, Toaster } from "@medusajs/ui"
import React, { lazy, Suspense, useState } from "react"
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
import { CurbsideAlert } from "./components/curbside-alert"
import type { Task } from "./lib/types"
import { useWorkQueue, WorkQueueProvider } from "./work-queue"

// Store operations load when first opened: the selling screens' first load stays small
const WorkQueue = lazy(() => import("./screens/queue").then((m) => ({ default: m.WorkQueue })))
const TaskView = lazy(() => import("./screens/queue").then((m) => ({ default: m.TaskView })))
const ReturnsDesk = lazy(() => import("./screens/returns").then((m) => ({ default: m.ReturnsDesk })))
const StockCounts = lazy(() => import("./screens/count").then((m) => ({ default: m.StockCounts })))

export function App() {
  return (
    <ErrorBoundary>
      <PosProvider>
        <WorkQueueProvider>
          <Screens />
        </WorkQueueProvider>
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
  const [mode, setMode] = useState<Mode>("sell")
  const [task, setTask] = useState<Task | null>(null)
  const openTask = (t: Task) => {
    setMode("queue")
    setTask(t)
  }

  if (!session) return <SignIn />
  if (locked)
    return (
      <div className="flex h-full flex-col">
        {/* a locked till still chimes and shows who is waiting outside */}
        {online && <CurbsideAlert />}
        <LockScreen />
      </div>
    )
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
      {online && <CurbsideAlert onOpen={openTask} />}
      {online && !offlineDraftOpen && (
        <ModeNav
          mode={mode}
          onMode={(next) => {
            setMode(next)
            setTask(null)
          }}
        />
      )}
      {online && !offlineDraftOpen && mode !== "sell" ? (
        <Suspense fallback={<Centered>Loading…</Centered>}>
          {mode === "queue" ? (
            task ? (
              <TaskView key={task.id} task={task} onBack={() => setTask(null)} />
            ) : (
              <WorkQueue onOpen={setTask} />
            )
          ) : mode === "count" ? (
            <StockCounts />
          ) : (
            <ReturnsDesk />
          )}
        </Suspense>
      ) : shift === undefined ? (
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

type Mode = "sell" | "queue" | "returns" | "count"

/** Selling, the store's work queue (with its counts), the returns desk and stock counts: one tap apart. */
function ModeNav(props: { mode: Mode; onMode: (mode: Mode) => void }) {
  const { counts } = useWorkQueue()
  const tab = (mode: Mode, label: React.ReactNode, testId: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={props.mode === mode}
      onClick={() => props.onMode(mode)}
      className={`pos-target flex shrink-0 items-center gap-1.5 whitespace-nowrap border-b-2 px-3 sm:px-4 ${
        props.mode === mode ? "border-ui-fg-interactive text-ui-fg-base font-semibold" : "text-ui-fg-subtle border-transparent"
      }`}
      data-testid={testId}
    >
      {label}
    </button>
  )
  return (
    <nav role="tablist" aria-label="Till modes" className="bg-ui-bg-base border-ui-border-base flex overflow-x-auto border-b">
      {tab("sell", "Sell", "mode-sell")}
      {tab(
        "queue",
        <>
          Orders
          {counts.arrivals > 0 && (
            <Badge color="red" size="2xsmall" data-testid="queue-arrivals">
              {counts.arrivals} outside
            </Badge>
          )}
          {counts.ready + counts.todo > 0 && (
            <Badge color="grey" size="2xsmall" data-testid="queue-count">
              {counts.ready + counts.todo}
            </Badge>
          )}
        </>,
        "mode-queue"
      )}
      {tab("returns", "Returns", "mode-returns")}
      {tab("count", "Count stock", "mode-count")}
    </nav>
  )
}
