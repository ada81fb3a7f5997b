import { useQuery } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type { OrderPos, PosStoreRef, RoutingRules, RuleSet, Simulation, StockLocationRef } from "./types"

export const routingRulesKey = ["pos_routing_rules"]

export function useRoutingRules() {
  return useQuery({
    queryKey: routingRulesKey,
    queryFn: () => sdk.client.fetch<RoutingRules>("/admin/pos/routing/rules"),
  })
}

export const saveRoutingRules = (rule_set: RuleSet | null) =>
  sdk.client.fetch<RoutingRules>("/admin/pos/routing/rules", { method: "POST", body: { rule_set } })

export const simulateRouting = (body: { last?: number; order_ids?: string[]; rule_set?: RuleSet }) =>
  sdk.client
    .fetch<{ simulation: Simulation }>("/admin/pos/routing/simulate", { method: "POST", body })
    .then((r) => r.simulation)

export type NetworkNode = { id: string; name: string; kind: "store" | "warehouse"; store_id: string | null }

/**
 * Every node routing can send from: the stock locations, each marked a store
 * (a POS store's location) or a warehouse, stores first.
 */
export function useNetworkNodes() {
  return useQuery({
    queryKey: ["pos_routing_nodes"],
    queryFn: async () => {
      const [{ stores }, { stock_locations }] = await Promise.all([
        sdk.client.fetch<{ stores: PosStoreRef[] }>("/admin/pos/stores", {
          query: { limit: 1000, fields: "id,name,code,stock_location.id" },
        }),
        sdk.client.fetch<{ stock_locations: StockLocationRef[] }>("/admin/stock-locations", {
          query: { limit: 1000, fields: "id,name" },
        }),
      ])
      const storeByLocation = new Map(stores.filter((s) => s.stock_location?.id).map((s) => [s.stock_location!.id, s]))
      const nodes: NetworkNode[] = stock_locations.map((l) => {
        const store = storeByLocation.get(l.id)
        return { id: l.id, name: store?.name ?? l.name, kind: store ? "store" : "warehouse", store_id: store?.id ?? null }
      })
      return nodes.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === "store" ? -1 : 1))
    },
  })
}

export function useOrderPos(orderId: string) {
  return useQuery({
    queryKey: ["pos_order", orderId],
    queryFn: () => sdk.client.fetch<OrderPos>(`/admin/pos/orders/${orderId}`),
    enabled: !!orderId,
  })
}
