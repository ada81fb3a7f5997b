import { toast } from "@medusajs/ui"
import React, { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react"
import { ApiError, createApi, type Api } from "./lib/api"
import { Catalog } from "./lib/catalog"
import { device, type DeviceSetup, type Session, type StaffMember } from "./lib/device"
import { openDb } from "./lib/idb"
import type { Currency } from "./lib/money"
import { OfflineQueue, syncQueue, type SyncReport } from "./lib/offline-queue"

export type Register = { id: string; name: string; is_active: boolean; stripe_reader_id: string | null }
export type Store = {
  id: string
  name: string
  code: string
  status: string
  currency_code: string
  country_code: string | null
  capabilities: Record<string, boolean>
  registers: Register[]
}
export type StoreInfo = { store: Store; role: "manager" | "associate"; currency: Currency | null; till: { idle_lock_minutes: number } }
export type Membership = { id: string; role: string; store: { id: string; name: string; code: string; status: string } }
export type Shift = {
  id: string
  register_id: string
  opened_by: string
  opened_at: string
  opening_float: number
  status: string
  cash_movements?: { id: string; amount: number; reason: string }[]
}

export type OfflinePolicy = {
  tenders_allowed: string[]
  max_sale_amount: number
  max_offline_hours: number
  max_line_quantity?: number
  max_sale_lines?: number
}

/** Asks a PIN on the pad; `submit` runs with it and throws to keep the pad open with the message. */
export type PinRequest = {
  title: string
  description?: string
  submit: (pin: string) => Promise<void>
}

type PosState = {
  api: Api
  /** false once a request could not reach the server, until one does again */
  online: boolean
  catalog: Catalog | null
  queue: OfflineQueue | null
  policy: OfflinePolicy | null
  /** sales of this till waiting on the device */
  queued: number
  refreshQueued(): Promise<void>
  syncing: boolean
  lastReport: SyncReport | null
  syncNow(): Promise<SyncReport | null>
  /** an offline sale is being rung up: it stays on screen until paid or cleared, network or not */
  offlineDraftOpen: boolean
  setOfflineDraftOpen(open: boolean): void
  /** the store or the shift could not be loaded (not for want of network) */
  loadError: string | null
  session: Session | null
  memberships: Membership[] | null
  setup: DeviceSetup | null
  info: StoreInfo | null
  register: Register | null
  shift: Shift | null | undefined
  locked: boolean
  signIn(email: string, password: string): Promise<void>
  signOut(): void
  chooseSetup(setup: DeviceSetup | null): void
  refreshShift(): Promise<void>
  setShift(shift: Shift | null): void
  lock(): void
  /** Quick switch / unlock: the PIN's owner (a member of this store) takes the till. */
  switchByPin(pin: string): Promise<StaffMember>
  askPin(request: PinRequest): Promise<boolean>
  pinRequest: (PinRequest & { resolve: (done: boolean) => void }) | null
  closePin(done: boolean): void
  /** Runs a manager action; a refusal for want of a manager opens the PIN pad and retries with the approval. */
  withApproval<T>(label: string, run: (approvalId?: string) => Promise<T>): Promise<T | undefined>
  fail(error: unknown): void
}

const PosContext = createContext<PosState | null>(null)

export function usePos(): PosState {
  const state = useContext(PosContext)
  if (!state) throw new Error("usePos outside PosProvider")
  return state
}

const LOCKED_KEY = "pos.locked"

/** What the till last knew from the server, to open and sell offline after a reload. */
const cache = {
  get<T>(key: string): T | null {
    try {
      const raw = localStorage.getItem(`pos.cache.${key}`)
      return raw ? (JSON.parse(raw) as T) : null
    } catch {
      return null
    }
  },
  set(key: string, value: unknown) {
    localStorage.setItem(`pos.cache.${key}`, JSON.stringify(value))
  },
}

export function PosProvider({ children }: { children: React.ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => device.session())
  const [memberships, setMemberships] = useState<Membership[] | null>(null)
  const [setup, setSetup] = useState<DeviceSetup | null>(() => device.setup())
  const [info, setInfo] = useState<StoreInfo | null>(null)
  const [shift, setShift] = useState<Shift | null | undefined>(undefined)
  const [locked, setLocked] = useState<boolean>(() => localStorage.getItem(LOCKED_KEY) === "1")
  const [pinRequest, setPinRequest] = useState<PosState["pinRequest"]>(null)
  const [online, setOnline] = useState<boolean>(() => navigator.onLine)
  const [stores, setStores] = useState<{ catalog: Catalog; queue: OfflineQueue } | null>(null)
  const [policy, setPolicy] = useState<OfflinePolicy | null>(null)
  const [queued, setQueued] = useState(0)
  const [syncing, setSyncing] = useState(false)
  const [lastReport, setLastReport] = useState<SyncReport | null>(null)
  const [offlineDraftOpen, setOfflineDraftOpen] = useState<boolean>(() => {
    const registerId = device.setup()?.register_id
    return !!registerId && (localStorage.getItem(`pos.offline-draft.${registerId}`) ?? "[]") !== "[]"
  })
  const [loadError, setLoadError] = useState<string | null>(null)
  const sessionRef = useRef(session)
  sessionRef.current = session
  const offlineSince = useRef(0)
  const goOffline = useCallback(() => {
    offlineSince.current = Date.now()
    setOnline(false)
  }, [])

  const signOut = useCallback(() => {
    device.saveSession(null)
    localStorage.removeItem(LOCKED_KEY)
    setSession(null)
    setMemberships(null)
    setInfo(null)
    setShift(undefined)
    setLocked(false)
  }, [])

  const api = useMemo(() => {
    const inner = createApi({
      token: () => sessionRef.current?.token,
      onUnauthorized: () => {
        toast.error("Your sign-in has expired or was withdrawn. Sign in again.")
        signOut()
      },
    })
    // Every answer tells whether the server can be reached; an answer to a request sent
    // before the network went says nothing about now.
    const watch =
      <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        const sent = Date.now()
        try {
          const result = await call(...args)
          if (sent > offlineSince.current) setOnline(true)
          return result
        } catch (error) {
          // no answer, or a proxy's answer for a server that is down: offline
          if (error instanceof ApiError && (error.unreachable || [502, 503, 504].includes(error.status))) goOffline()
          throw error
        }
      }
    return {
      get: watch(inner.get),
      text: watch(inner.text),
      post: watch(inner.post),
      patch: watch(inner.patch),
      del: watch(inner.del),
    } as Api
  }, [signOut, goOffline])

  // The device's database: catalogue, offline queue, sync reports.
  useEffect(() => {
    openDb()
      .then((db) => setStores({ catalog: new Catalog(db), queue: new OfflineQueue(db) }))
      .catch((error) => toast.error(`This browser cannot keep sales offline: ${error?.message ?? error}`))
  }, [])

  useEffect(() => {
    const up = () => setOnline(true)
    const down = () => goOffline()
    window.addEventListener("online", up)
    window.addEventListener("offline", down)
    return () => {
      window.removeEventListener("online", up)
      window.removeEventListener("offline", down)
    }
  }, [])

  const fail = useCallback((error: unknown) => {
    const message = error instanceof ApiError || error instanceof Error ? error.message : String(error)
    toast.error(message)
  }, [])

  const adoptSession = useCallback(
    async (token: string) => {
      sessionRef.current = { token, staff: { id: "", email: "", first_name: "", last_name: "" } }
      const me = await api.get<{ staff: StaffMember; memberships: Membership[] }>("/terminal/me")
      cache.set(`me.${me.staff.id}`, me.memberships)
      const next = { token, staff: me.staff }
      device.saveSession(next)
      sessionRef.current = next
      setSession(next)
      setMemberships(me.memberships)
      return me
    },
    [api]
  )

  const signIn = useCallback(
    async (email: string, password: string) => {
      const answer = await api.post<{ token?: string }>("/auth/staff/emailpass", { email, password })
      if (!answer.token) throw new ApiError("The sign-in did not return a token.", 400)
      await adoptSession(answer.token)
      localStorage.removeItem(LOCKED_KEY)
      setLocked(false)
    },
    [api, adoptSession]
  )

  // A remembered session: who it is, and their stores.
  useEffect(() => {
    if (session && !memberships) {
      api
        .get<{ staff: StaffMember; memberships: Membership[] }>("/terminal/me")
        .then((me) => {
          cache.set(`me.${me.staff.id}`, me.memberships)
          setMemberships(me.memberships)
        })
        .catch((error) => {
          const known = cache.get<Membership[]>(`me.${session.staff.id}`)
          if (error instanceof ApiError && error.unreachable && known) setMemberships(known)
          else if (!(error instanceof ApiError && error.status === 401)) fail(error)
        })
    }
  }, [session, memberships, api, fail])

  // The store of this till, once the member is known to belong to it.
  useEffect(() => {
    if (!session || !setup || !memberships) return
    if (!memberships.some((m) => m.store.id === setup.store_id)) {
      setInfo(null)
      return
    }
    let canceled = false
    api
      .get<StoreInfo>(`/terminal/stores/${setup.store_id}`)
      .then((answer) => {
        cache.set(`store.${setup.store_id}`, answer)
        if (!canceled) setInfo(answer)
      })
      .catch((error) => {
        const known = cache.get<StoreInfo>(`store.${setup.store_id}`)
        if (error instanceof ApiError && (error.unreachable || error.status >= 502) && known) {
          if (!canceled) setInfo(known)
        } else if (!canceled) setLoadError(error instanceof Error ? error.message : String(error))
      })
    api
      .get<{ policy: OfflinePolicy }>(`/terminal/stores/${setup.store_id}/offline-policy`)
      .then(({ policy }) => {
        cache.set(`policy.${setup.store_id}`, policy)
        if (!canceled) setPolicy(policy)
      })
      .catch(() => !canceled && setPolicy(cache.get<OfflinePolicy>(`policy.${setup.store_id}`)))
    return () => {
      canceled = true
    }
  }, [session, setup, memberships, api, fail])

  const register = useMemo(
    () => info?.store.registers.find((r) => r.id === setup?.register_id) ?? null,
    [info, setup]
  )

  const refreshShift = useCallback(async () => {
    if (!setup) return
    try {
      const { shifts } = await api.get<{ shifts: Shift[] }>(
        `/terminal/stores/${setup.store_id}/shifts?status=open&register_id=${setup.register_id}`
      )
      cache.set(`shift.${setup.register_id}`, shifts[0] ?? null)
      setShift(shifts[0] ?? null)
    } catch (error) {
      if (error instanceof ApiError && (error.unreachable || error.status >= 502)) setShift(cache.get<Shift>(`shift.${setup.register_id}`))
      else setLoadError(error instanceof Error ? error.message : String(error))
    }
  }, [api, setup])

  const keepShift = useCallback(
    (next: Shift | null) => {
      if (setup) cache.set(`shift.${setup.register_id}`, next)
      setShift(next)
    },
    [setup]
  )

  const refreshQueued = useCallback(async () => {
    if (!stores || !setup) return
    setQueued((await stores.queue.list(setup.store_id, setup.register_id)).length)
  }, [stores, setup])

  useEffect(() => {
    refreshQueued().catch(() => undefined)
  }, [refreshQueued])

  const syncNow = useCallback(async () => {
    if (!stores || !setup || !session || syncing) return null
    setSyncing(true)
    try {
      const report = await syncQueue(api, stores.queue, {
        store_id: setup.store_id,
        register_id: setup.register_id,
        staff_id: session.staff.id,
        manager: info?.role === "manager",
      })
      if (report.results.length || report.error) setLastReport(report)
      return report
    } finally {
      setSyncing(false)
      await refreshQueued()
    }
  }, [stores, setup, session, syncing, api, info, refreshQueued])

  // Back online with sales waiting: send them. The catalogue is refreshed when online, every 10 minutes.
  useEffect(() => {
    if (online && queued > 0 && session && !locked) void syncNow()
  }, [online, queued > 0, session?.staff.id, locked]) // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!stores || !setup || !session || !online) return
    const refresh = () => stores.catalog.refresh(api, setup.store_id).catch(() => undefined)
    void refresh()
    const timer = window.setInterval(refresh, 10 * 60_000)
    return () => window.clearInterval(timer)
  }, [stores, setup?.store_id, session?.staff.id, online]) // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (info && register) refreshShift().catch(fail)
  }, [info, register, refreshShift, fail])

  // Offline, ask the server every 20 s whether it is back (the browser's own signal misses a server that is down).
  useEffect(() => {
    if (online || !session) return
    const timer = window.setInterval(() => {
      api.get("/terminal/me").catch(() => undefined)
    }, 20_000)
    return () => window.clearInterval(timer)
  }, [online, session, api])

  const chooseSetup = useCallback((next: DeviceSetup | null) => {
    device.saveSetup(next)
    setSetup(next)
    setInfo(null)
    setShift(undefined)
  }, [])

  const lock = useCallback(() => {
    localStorage.setItem(LOCKED_KEY, "1")
    setLocked(true)
  }, [])

  const switchByPin = useCallback(
    async (pin: string) => {
      if (!setup) throw new ApiError("This till has no store yet.", 400)
      const answer = await api.post<{ token: string; staff: StaffMember }>("/terminal/pin/switch", {
        store_id: setup.store_id,
        pin,
      })
      await adoptSession(answer.token)
      localStorage.removeItem(LOCKED_KEY)
      setLocked(false)
      return answer.staff
    },
    [api, setup, adoptSession]
  )

  const askPin = useCallback(
    (request: PinRequest) => new Promise<boolean>((resolve) => setPinRequest({ ...request, resolve })),
    []
  )
  const closePin = useCallback((done: boolean) => {
    setPinRequest((current) => {
      current?.resolve(done)
      return null
    })
  }, [])

  const withApproval = useCallback(
    async <T,>(label: string, run: (approvalId?: string) => Promise<T>): Promise<T | undefined> => {
      try {
        return await run()
      } catch (error) {
        const needed = error instanceof ApiError && error.status === 403 ? error.body?.manager_action : undefined
        if (!needed) throw error
        let result: T | undefined
        const approved = await askPin({
          title: "Manager approval",
          description: `${label} needs a manager. A manager of this store enters their PIN.`,
          submit: async (pin) => {
            const { approval } = await api.post<{ approval: { id: string } }>("/terminal/pin/verify", {
              store_id: needed.store_id,
              pin,
              action: needed.action,
            })
            result = await run(approval.id)
          },
        })
        return approved ? result : undefined
      }
    },
    [api, askPin]
  )

  // An idle till locks itself; any touch or key counts as activity.
  useEffect(() => {
    const minutes = info?.till.idle_lock_minutes ?? 0
    // PINs are checked by the server: offline, a locked till could not be opened again
    if (!session || locked || !minutes || !online) return
    let last = Date.now()
    const touch = () => (last = Date.now())
    const events = ["pointerdown", "keydown", "wheel", "touchstart"] as const
    events.forEach((name) => window.addEventListener(name, touch, { passive: true }))
    const timer = window.setInterval(() => {
      if (Date.now() - last >= minutes * 60_000) lock()
    }, 5_000)
    return () => {
      events.forEach((name) => window.removeEventListener(name, touch))
      window.clearInterval(timer)
    }
  }, [session, locked, info, lock, online])

  const value: PosState = {
    api,
    online,
    catalog: stores?.catalog ?? null,
    queue: stores?.queue ?? null,
    policy,
    queued,
    refreshQueued,
    syncing,
    lastReport,
    syncNow,
    offlineDraftOpen,
    setOfflineDraftOpen,
    loadError,
    session,
    memberships,
    setup,
    info,
    register,
    shift,
    locked,
    signIn,
    signOut,
    chooseSetup,
    refreshShift,
    setShift: keepShift,
    lock,
    switchByPin,
    askPin,
    pinRequest,
    closePin,
    withApproval,
    fail,
  }
  return <PosContext.Provider value={value}>{children}</PosContext.Provider>
}
