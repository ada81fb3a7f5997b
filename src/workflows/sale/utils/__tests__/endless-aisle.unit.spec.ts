import type { RoutingNode } from "../../../../lib/routing"
import { pickSource } from "../endless-aisle"

const HERE = { latitude: 41.88, longitude: -87.63 }
/** a node `km` north of here (null: no coordinates) holding `units` of item "i" */
const node = (id: string, kind: "store" | "warehouse", km: number | null, units: number): RoutingNode => ({
  id,
  name: id,
  kind,
  point: km === null ? null : { latitude: HERE.latitude + km / 111.2, longitude: HERE.longitude },
  active: true,
  ships: true,
  capacity_remaining: null,
  available: { i: units },
})

describe("pickSource: the node an endless-aisle line comes from, by the routing engine", () => {
  const cases: [string, RoutingNode[], number, string | null, string | null][] = [
    ["the nearest node with all of it", [node("far", "store", 30, 5), node("near", "store", 4, 5)], 1, null, "near"],
    ["a nearer node with too few is passed over", [node("near", "store", 4, 1), node("dc", "warehouse", 30, 5)], 2, null, "dc"],
    ["the pickup store when it has it, however far", [node("near", "store", 1, 5), node("pin", "store", 20, 2)], 2, "pin", "pin"],
    ["a pickup store without enough: the line comes whole from one other node", [node("pin", "store", 0, 1), node("dc", "warehouse", 12, 9)], 2, "pin", "dc"],
    ["a store before the warehouse at the same distance", [node("dc", "warehouse", 5, 5), node("shop", "store", 5, 5)], 1, null, "shop"],
    ["within 50 miles a store before a nearer warehouse", [node("dc", "warehouse", 5, 5), node("shop", "store", 60, 5)], 1, null, "shop"],
    ["beyond 50 miles the warehouse before the store", [node("dc", "warehouse", 200, 5), node("shop", "store", 100, 5)], 1, null, "dc"],
    ["nodes without coordinates come last", [node("nowhere", "warehouse", null, 5), node("dc", "warehouse", 300, 5)], 1, null, "dc"],
    ["ties broken by id, so the answer is stable", [node("b", "store", 5, 5), node("a", "store", 5, 5)], 1, null, "a"],
    ["nobody has all of it: null, never a split", [node("a", "store", 1, 1), node("b", "warehouse", 2, 1)], 2, null, null],
    ["zero stock everywhere", [node("a", "store", 1, 0)], 1, null, null],
  ]
  it.each(cases)("%s", (_name, nodes, quantity, pickup, expected) => {
    const pinnedPoint = pickup ? nodes.find((n) => n.id === pickup)!.point : HERE
    expect(pickSource(nodes, [{ inventory_item_id: "i", quantity }], { point: pinnedPoint, pickup_node_id: pickup })).toBe(expected)
  })

  it("leaves out stores that do not ship and disabled ones, except the pickup store's own stock", () => {
    const shy = { ...node("shy", "store", 1, 5), ships: false }
    const closed = { ...node("closed", "store", 1, 5), active: false }
    const dc = node("dc", "warehouse", 30, 5)
    expect(pickSource([shy, closed, dc], [{ inventory_item_id: "i", quantity: 1 }], { point: HERE })).toBe("dc")
    expect(pickSource([shy, dc], [{ inventory_item_id: "i", quantity: 1 }], { point: shy.point, pickup_node_id: "shy" })).toBe("shy")
  })
})
