import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type { AxiosInstance } from "axios"
import type { DemoSummary } from "../../demo/seed"

type Headers = { headers: Record<string, string> }

const STORE_NAMES: Record<string, string> = {
  state: "Northwind State Street",
  wicker: "Northwind Wicker Park",
  evanston: "Northwind Evanston",
}

/** The demo stores' managers signed in, by store key. */
export async function signInManagers(api: AxiosInstance, demo: DemoSummary, keys = Object.keys(STORE_NAMES)) {
  const as: Record<string, Headers> = {}
  for (const key of keys) {
    const member = demo.staff.find((s) => s.store === STORE_NAMES[key] && s.role === "manager")!
    const { data } = await api.post("/auth/staff/emailpass", { email: member.email, password: member.password })
    as[key] = { headers: { authorization: `Bearer ${data.token}` } }
  }
  return as
}

/** A store's queue as its staff read it, and a wait for an order's tasks there (routing runs after the order is placed). */
export function storeQueue(api: AxiosInstance, getDemo: () => DemoSummary, as: Record<string, Headers>) {
  async function tasksOf(store: string, orderId: string) {
    const { data } = await api.get(`/terminal/stores/${getDemo().store_ids[store]}/tasks`, as[store])
    return (data.tasks as any[]).filter((t) => t.order_id === orderId)
  }
  async function waitForTasks(store: string, orderId: string, count = 1) {
    for (let i = 0; i < 60; i++) {
      const tasks = await tasksOf(store, orderId)
      if (tasks.length >= count) {
        return tasks
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`no task for order ${orderId} at ${store}`)
  }
  return { tasksOf, waitForTasks }
}

/** The pickup code as the customer gets it: in the newest "ready" message of the order. */
export async function pickupCodeSentFor(container: MedusaContainer, orderId: string) {
  const sent = await container
    .resolve(Modules.NOTIFICATION)
    .listNotifications({ resource_id: orderId, template: "pos-pickup-ready" }, { order: { created_at: "DESC" } })
  return sent[0].data!.pickup_code as string
}
