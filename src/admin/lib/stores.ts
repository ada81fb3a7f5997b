import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

export type Capabilities = { sell: boolean; pickup: boolean; curbside: boolean; ship_from_store: boolean; returns: boolean }
export type OpeningHours = Partial<Record<Weekday, [string, string][]>>
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun"

export type PosStore = {
  id: string
  name: string
  code: string
  status: "active" | "disabled"
  address_1: string | null
  address_2: string | null
  city: string | null
  province: string | null
  postal_code: string | null
  country_code: string | null
  phone: string | null
  latitude: number | null
  longitude: number | null
  timezone: string
  currency_code: string
  opening_hours: OpeningHours | null
  capabilities: Capabilities
  ship_from_store_capacity: number
  pickup_hold_hours: number
  stock_location?: { id: string; sales_channels?: { id: string; name: string }[] } | null
  sales_channel?: { id: string } | null
}

export type Register = { id: string; name: string; stripe_reader_id: string | null; is_active: boolean }
export type Member = {
  id: string
  role: "manager" | "associate"
  has_pin: boolean
  pin_locked_until: string | null
  staff: { id: string; email: string; first_name: string; last_name: string; is_active: boolean }
}
export type Staff = {
  id: string
  email: string
  first_name: string
  last_name: string
  is_active: boolean
  memberships: { id: string; role: string; store_id: string }[]
}

export const WEEKDAYS: [Weekday, string][] = [
  ["mon", "Monday"],
  ["tue", "Tuesday"],
  ["wed", "Wednesday"],
  ["thu", "Thursday"],
  ["fri", "Friday"],
  ["sat", "Saturday"],
  ["sun", "Sunday"],
]

export const CAPABILITIES: { key: keyof Capabilities; label: string; hint: string; off: string }[] = [
  { key: "sell", label: "Sell at the counter", hint: "Tills ring up sales.", off: "the tills stop selling" },
  { key: "pickup", label: "Click-and-collect", hint: "Shoppers choose this store at checkout and collect here.", off: "checkout stops offering pickup here" },
  { key: "curbside", label: "Curbside", hint: "Customers say they are outside; staff bring the order out.", off: "customers can no longer check in from the car park" },
  { key: "ship_from_store", label: "Ship from store", hint: "Online orders are picked and shipped from here.", off: "routing stops sending parcels to this store" },
  { key: "returns", label: "Returns", hint: "Takes back anything bought anywhere.", off: "the counter stops taking returns" },
]

export const storeKeys = {
  all: ["pos_stores"] as const,
  list: (query: Record<string, unknown>) => ["pos_stores", "list", query] as const,
  detail: (id: string) => ["pos_stores", "detail", id] as const,
  registers: (id: string) => ["pos_stores", "registers", id] as const,
  members: (id: string) => ["pos_stores", "members", id] as const,
  today: (id: string) => ["pos_stores", "today", id] as const,
  staff: ["pos_staff"] as const,
}

export function useStores(query: Record<string, unknown> = {}) {
  return useQuery({
    queryKey: storeKeys.list(query),
    queryFn: () => sdk.client.fetch<{ stores: PosStore[]; count: number }>("/admin/pos/stores", { query: { limit: 100, order: "name", ...query } }),
  })
}

export function useStore(id: string) {
  return useQuery({
    queryKey: storeKeys.detail(id),
    queryFn: () => sdk.client.fetch<{ store: PosStore }>(`/admin/pos/stores/${id}`),
  })
}

export function useStaff(query: Record<string, unknown> = {}) {
  return useQuery({
    queryKey: [...storeKeys.staff, query],
    queryFn: () => sdk.client.fetch<{ staff: Staff[]; count: number }>("/admin/pos/staff", { query: { limit: 200, order: "last_name", ...query } }),
  })
}

/** A POST (or DELETE) to the admin API that refreshes every POS query when it succeeds. */
export function usePosMutation<TBody, TResult = unknown>(path: (body: TBody) => string, method: "POST" | "DELETE" = "POST") {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: TBody) =>
      sdk.client.fetch<TResult>(path(body), method === "DELETE" ? { method } : { method, body: stripLocal(body) }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: storeKeys.all })
      client.invalidateQueries({ queryKey: storeKeys.staff })
    },
  })
}

/** Keys starting with `_` address the request (an id in the path) and are not sent. */
function stripLocal(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object") {
    return {}
  }
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([key]) => !key.startsWith("_")))
}

export const staffName = (s: { first_name: string; last_name: string }) => `${s.first_name} ${s.last_name}`.trim()
