import { Button, Heading, Text } from "@medusajs/ui"
import React, { useEffect, useState } from "react"
import { usePos, type StoreInfo } from "../state"

/** Which store and register this device is; remembered on the device. */
export function Setup() {
  const { memberships, setup, chooseSetup, api, fail, signOut, session } = usePos()
  const [storeId, setStoreId] = useState<string | null>(
    setup?.store_id ?? (memberships?.length === 1 ? memberships[0].store.id : null)
  )
  const [store, setStore] = useState<StoreInfo | null>(null)

  useEffect(() => {
    if (!storeId) return
    setStore(null)
    api.get<StoreInfo>(`/terminal/stores/${storeId}`).then(setStore).catch(fail)
  }, [storeId, api, fail])

  if (!memberships) {
    return <Centered>Loading your stores…</Centered>
  }
  if (!memberships.length) {
    return (
      <Centered>
        <Text>{session?.staff.email} belongs to no store yet. A manager adds you to a store in the dashboard.</Text>
        <Button variant="secondary" className="pos-target mt-4" onClick={signOut}>
          Sign out
        </Button>
      </Centered>
    )
  }

  return (
    <main className="mx-auto flex w-full max-w-2xl flex-col gap-6 p-4">
      <div>
        <Heading level="h1">Set up this till</Heading>
        <Text className="text-ui-fg-subtle mt-1">Pick the store and the register this device is. It is remembered here.</Text>
      </div>
      <section className="flex flex-col gap-2" aria-label="Store">
        <Text weight="plus">Store</Text>
        <div className="grid gap-2 sm:grid-cols-2">
          {memberships.map((m) => (
            <Choice key={m.store.id} selected={storeId === m.store.id} onClick={() => setStoreId(m.store.id)}>
              <span className="font-medium">{m.store.name}</span>
              <span className="text-ui-fg-subtle txt-compact-small">
                {m.store.code} · {m.role}
                {m.store.status !== "active" ? ` · ${m.store.status}` : ""}
              </span>
            </Choice>
          ))}
        </div>
      </section>
      {storeId && (
        <section className="flex flex-col gap-2" aria-label="Register">
          <Text weight="plus">Register</Text>
          {!store ? (
            <Text className="text-ui-fg-muted">Loading registers…</Text>
          ) : (
            <div className="grid gap-2 sm:grid-cols-3">
              {store.store.registers
                .filter((r) => r.is_active)
                .map((r) => (
                  <Choice key={r.id} selected={setup?.register_id === r.id} onClick={() => chooseSetup({ store_id: storeId, register_id: r.id })}>
                    <span className="font-medium">{r.name}</span>
                    <span className="text-ui-fg-subtle txt-compact-small">{r.stripe_reader_id === "simulated" ? "simulated card reader (training)" : r.stripe_reader_id ? "card reader" : "cash only"}</span>
                  </Choice>
                ))}
              {!store.store.registers.some((r) => r.is_active) && (
                <Text className="text-ui-fg-subtle">This store has no active register. A manager adds one in the dashboard.</Text>
              )}
            </div>
          )}
        </section>
      )}
    </main>
  )
}

function Choice(props: { selected: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      onClick={props.onClick}
      aria-pressed={props.selected}
      className={`pos-target bg-ui-bg-base flex flex-col items-start rounded-lg border p-4 text-left transition-colors ${
        props.selected ? "border-ui-border-interactive shadow-borders-interactive-with-active" : "border-ui-border-base hover:bg-ui-bg-base-hover"
      }`}
    >
      {props.children}
    </button>
  )
}

export function Centered(props: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-full flex-col items-center justify-center p-6 text-center">
      {typeof props.children === "string" ? <Text className="text-ui-fg-subtle">{props.children}</Text> : props.children}
    </main>
  )
}
