import React, { createContext, useCallback, useContext, useEffect, useRef, useState } from "react"
import { sectionOf } from "./lib/tasks"
import type { Task } from "./lib/types"
import { usePos } from "./state"

/** How often the till asks for its store's queue: a curbside check-in shows within this and one answer. */
export const QUEUE_POLL_MS = 3000

type WorkQueueState = {
  tasks: Task[] | null
  error: string | null
  refresh(): Promise<void>
  /** a curbside arrival the till has not shown yet (sound and banner) */
  alert: Task | null
  dismissAlert(): void
  counts: { arrivals: number; ready: number; todo: number }
}

const WorkQueueContext = createContext<WorkQueueState | null>(null)

export function useWorkQueue(): WorkQueueState {
  const state = useContext(WorkQueueContext)
  if (!state) throw new Error("useWorkQueue outside WorkQueueProvider")
  return state
}

/** A short two-tone chime: the AudioContext is made on the first touch or key (browsers allow sound only after one). */
function useChime() {
  const context = useRef<AudioContext | null>(null)
  useEffect(() => {
    const unlock = () => {
      if (!context.current && typeof AudioContext !== "undefined") context.current = new AudioContext()
      void context.current?.resume()
    }
    window.addEventListener("pointerdown", unlock)
    window.addEventListener("keydown", unlock)
    return () => {
      window.removeEventListener("pointerdown", unlock)
      window.removeEventListener("keydown", unlock)
    }
  }, [])
  return useCallback(() => {
    const ctx = context.current
    if (!ctx) return
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = ctx.createOscillator()
      const gain = ctx.createGain()
      osc.frequency.value = freq
      gain.gain.setValueAtTime(0.001, ctx.currentTime + i * 0.18)
      gain.gain.exponentialRampToValueAtTime(0.3, ctx.currentTime + i * 0.18 + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + i * 0.18 + 0.16)
      osc.connect(gain).connect(ctx.destination)
      osc.start(ctx.currentTime + i * 0.18)
      osc.stop(ctx.currentTime + i * 0.18 + 0.17)
    }
  }, [])
}

/**
 * The store's work queue, kept fresh for every screen of the till (the lock screen too): asked
 * every QUEUE_POLL_MS while online, so a curbside check-in chimes and shows a banner wherever the
 * cashier is.
 */
export function WorkQueueProvider({ children }: { children: React.ReactNode }) {
  const { api, online, session, setup } = usePos()
  const [tasks, setTasks] = useState<Task[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [alert, setAlert] = useState<Task | null>(null)
  const seen = useRef<Set<string> | null>(null)
  const chime = useChime()
  const storeId = setup?.store_id

  // one question at a time: a slow answer is never overtaken by (nor overwrites) a newer one
  const inFlight = useRef(false)
  const refresh = useCallback(async () => {
    if (!storeId || inFlight.current) return
    inFlight.current = true
    try {
      const answer = await api.get<{ tasks: Task[] }>(`/terminal/stores/${storeId}/tasks`)
      setTasks(answer.tasks)
      setError(null)
      const arrivals = answer.tasks.filter((t) => sectionOf(t) === "arrivals")
      if (seen.current === null) {
        // the first answer: arrivals already waiting are shown in the queue, with one chime
        seen.current = new Set(arrivals.map((t) => `${t.id}:${t.arrived_at}`))
        if (arrivals.length) {
          setAlert(arrivals[0])
          chime()
        }
        return
      }
      const fresh = arrivals.filter((t) => !seen.current!.has(`${t.id}:${t.arrived_at}`))
      for (const t of fresh) seen.current.add(`${t.id}:${t.arrived_at}`)
      if (fresh.length) {
        setAlert(fresh[0])
        chime()
      }
    } catch (e: any) {
      setError(e?.message ?? String(e))
    } finally {
      inFlight.current = false
    }
  }, [api, storeId, chime])

  useEffect(() => {
    seen.current = null
    setTasks(null)
  }, [storeId])

  // also while the till is locked: a customer outside is announced on the lock screen too
  useEffect(() => {
    if (!online || !session || !storeId) return
    void refresh()
    const timer = window.setInterval(() => void refresh(), QUEUE_POLL_MS)
    return () => window.clearInterval(timer)
  }, [online, session, storeId, refresh])

  const counts = { arrivals: 0, ready: 0, todo: 0 }
  for (const t of tasks ?? []) {
    const s = sectionOf(t)
    if (s === "arrivals") counts.arrivals++
    else if (s === "ready") counts.ready++
    else counts.todo++
  }

  return (
    <WorkQueueContext.Provider value={{ tasks, error, refresh, alert, dismissAlert: () => setAlert(null), counts }}>
      {children}
    </WorkQueueContext.Provider>
  )
}
