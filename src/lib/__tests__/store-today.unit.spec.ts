import { countQueue, startOfDayIn } from "../store-today"

const line = (quantity: number, extra: Record<string, unknown> = {}) => ({ quantity, ...extra })
const transfer = (quantity: number, received: number) => line(quantity, { from_node_id: "sloc_dc", received })

describe("a store's day", () => {
  it("counts each task of the queue in one section, as the POS page's queue shows it", () => {
    const now = new Date("2026-12-04T15:00:00Z")
    const tasks = [
      { kind: "ship", status: "open", lines: [line(1)] }, // to pick
      { kind: "pickup", status: "open", lines: [line(1), transfer(2, 0)] }, // to pick (its shelf lines first)
      { kind: "ship", status: "picked", lines: [line(2)] }, // to ship
      { kind: "pickup", status: "picked", lines: [line(1), transfer(2, 1)] }, // picked, a transfer still out
      { kind: "pickup", status: "open", lines: [transfer(1, 0)] }, // nothing on the shelf, the transfer still out
      { kind: "pickup", status: "picked", lines: [line(1), transfer(1, 1)] }, // everything here: to make ready
      { kind: "pickup", status: "ready", lines: [line(1)], expires_at: "2026-12-04T14:00:00Z" }, // waiting, hold overdue
      { kind: "pickup", status: "ready", lines: [line(1)], expires_at: "2026-12-05T14:00:00Z" }, // waiting
      { kind: "pickup", status: "ready", lines: [line(1)], arrived_at: "2026-12-04T14:55:00Z", expires_at: "2026-12-05T14:00:00Z" }, // outside
    ]
    expect(countQueue(tasks, now)).toEqual({
      to_pick: 2,
      to_ship: 1,
      transfers_due: 2,
      to_make_ready: 1,
      pickups_waiting: 2,
      arrivals: 1,
      overdue_holds: 1,
    })
    expect(countQueue([], now)).toEqual({ to_pick: 0, to_ship: 0, transfers_due: 0, to_make_ready: 0, pickups_waiting: 0, arrivals: 0, overdue_holds: 0 })
  })

  it("starts the day at midnight in the store's time zone", () => {
    // 03:30 UTC on the 4th is still the 3rd in Chicago (UTC−6 in December): that day began at 06:00 UTC on the 3rd
    expect(startOfDayIn("America/Chicago", new Date("2026-12-04T03:30:00Z")).toISOString()).toBe("2026-12-03T06:00:00.000Z")
    expect(startOfDayIn("America/Chicago", new Date("2026-12-04T15:00:00Z")).toISOString()).toBe("2026-12-04T06:00:00.000Z")
    expect(startOfDayIn("Asia/Tokyo", new Date("2026-12-04T15:00:00Z")).toISOString()).toBe("2026-12-04T15:00:00.000Z")
    expect(startOfDayIn("UTC", new Date("2026-12-04T15:00:00.250Z")).toISOString()).toBe("2026-12-04T00:00:00.000Z")
    expect(startOfDayIn("Not/AZone", new Date("2026-12-04T15:00:00Z")).toISOString()).toBe("2026-12-04T00:00:00.000Z")
  })
})
