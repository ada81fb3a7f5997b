import { rankSources, type SourceCandidate } from "../endless-aisle"

const node = (location_id: string, kind: "store" | "warehouse", distance_km: number | null, available_units: number): SourceCandidate => ({
  location_id,
  name: location_id,
  kind,
  store_id: kind === "store" ? `str_${location_id}` : null,
  distance_km,
  available_units,
})

describe("rankSources (endless aisle until the routing engine exists)", () => {
  const cases: [string, SourceCandidate[], number, string | null, string | null][] = [
    ["nearest node with all of it", [node("far", "store", 30, 5), node("near", "store", 4, 5)], 1, null, "near"],
    ["a nearer node with too few is passed over", [node("near", "store", 4, 1), node("far", "warehouse", 30, 5)], 2, null, "far"],
    ["the pinned pickup store when it has it, however far", [node("near", "store", 1, 5), node("pin", "store", 20, 2)], 2, "pin", "pin"],
    ["a pinned store without enough falls back to the nearest", [node("pin", "store", 0, 1), node("dc", "warehouse", 12, 9)], 2, "pin", "dc"],
    ["a store before the warehouse at the same distance", [node("dc", "warehouse", 5, 5), node("shop", "store", 5, 5)], 1, null, "shop"],
    ["nodes without coordinates come last", [node("nowhere", "warehouse", null, 5), node("x", "store", 80, 5)], 1, null, "x"],
    ["ties broken by id, so the answer is stable", [node("b", "store", 5, 5), node("a", "store", 5, 5)], 1, null, "a"],
    ["nobody has it: null, never a split", [node("a", "store", 1, 1), node("b", "warehouse", 2, 1)], 2, null, null],
    ["zero stock everywhere", [node("a", "store", 1, 0)], 1, null, null],
  ]
  it.each(cases)("%s", (_name, candidates, quantity, pinned, expected) => {
    expect(rankSources(candidates, quantity, pinned)?.location_id ?? null).toBe(expected)
  })
})
