import { Toaster } from "@medusajs/ui"
import React, { useState } from "react"
import { Header } from "./components/header"
import { Overlay, PinPad } from "./components/pin-pad"
import { LockScreen } from "./screens/lock"
import { ReceiptFinder } from "./screens/receipt"
import { Sell } from "./screens/sell"
import { Centered, Setup } from "./screens/setup"
import { OpenShift, ShiftPanel } from "./screens/shift"
import { SignIn } from "./screens/sign-in"
import { PosProvider, usePos } from "./state"

export function App() {
  return (
    <PosProvider>
      <Screens />
      <Toaster position="top-center" duration={6000} />
    </PosProvider>
  )
}

function Screens() {
  const { session, setup, memberships, info, register, shift, locked, pinRequest, closePin } = usePos()
  const [panel, setPanel] = useState<"shift" | "receipts" | null>(null)

  if (!session) return <SignIn />
  if (locked) return <LockScreen />
  const member = memberships?.some((m) => m.store.id === setup?.store_id)
  if (!setup || (memberships && !member)) return <Setup />
  if (!info) return <Centered>Loading the store…</Centered>
  if (!register || !register.is_active) return <Setup />

  return (
    <div className="flex h-full flex-col">
      <Header onShift={() => setPanel("shift")} onReceipts={() => setPanel("receipts")} />
      {shift === undefined ? (
        <Centered>Loading the shift…</Centered>
      ) : shift === null ? (
        <OpenShift />
      ) : (
        <Sell overlayOpen={!!panel || !!pinRequest} />
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
