import { groupQueue, nextStep, sectionOf } from "../tasks"
import type { Task, TaskLine } from "../types"

const line = (over: Partial<TaskLine> = {}): TaskLine => ({
  line_item_id: "ordli_1",
  title: "Organic Crew Tee · S / Black",
  sku: "NW-TEE-BLA-S",
  inventory_item_id: "iitem_1",
  quantity: 2,
  picked: 0,
  short: 0,
  from_node_id: null,
  from_node_name: null,
  ...over,
})

let n = 0
const task = (over: Partial<Task> = {}): Task => ({
  id: `ptask_${++n}`,
  store_id: "store_1",
  order_id: `order_${n}`,
  kind: "pickup",
  status: "open",
  lines: [line()],
  note: null,
  ready_at: null,
  expires_at: null,
  arrived_at: null,
  arrival_note: null,
  collected_at: null,
  shipped_at: null,
  tracking_number: null,
  created_at: new Date(2026, 11, 4, 9, n).toISOString(),
  ...over,
})

describe("the work queue's sections", () => {
  it("puts a customer outside first, then pickups ready, transfers to receive, picks and shipments", () => {
    const arrival = task({ status: "ready", arrived_at: new Date().toISOString(), arrival_note: "Blue van" })
    const ready = task({ status: "ready" })
    const transfer = task({ status: "picked", lines: [line({ from_node_id: "sloc_dc", from_node_name: "Warehouse", received: 1 })] })
    const pick = task({ kind: "ship" })
    const ship = task({ kind: "ship", status: "picked" })
    const groups = groupQueue([ship, pick, transfer, ready, arrival])
    expect(groups.map((g) => [g.section, g.tasks.map((t) => t.id)])).toEqual([
      ["arrivals", [arrival.id]],
      ["ready", [ready.id]],
      ["receive", [transfer.id]],
      ["pick", [pick.id]],
      ["ship", [ship.id]],
    ])
    expect(nextStep(transfer)).toBe("1 unit(s) still to arrive")
    expect(nextStep(arrival)).toBe("Take it out to the car")
    // nothing of it is on this shelf: it waits for its transfer, there is nothing to pick
    expect(nextStep({ ...transfer, status: "open" })).toBe("1 unit(s) still to arrive")
  })

  it("keeps a pickup with shelf lines to pick in the pick section until it is picked, then waits for its transfer", () => {
    const mixed = task({ lines: [line(), line({ line_item_id: "ordli_2", from_node_id: "sloc_wp", from_node_name: "Wicker Park" })] })
    expect(sectionOf(mixed)).toBe("pick")
    expect(sectionOf({ ...mixed, status: "picked" })).toBe("receive")
    const allHere = { ...mixed, status: "picked" as const, lines: mixed.lines.map((l) => ({ ...l, received: l.quantity })) }
    expect(sectionOf(allHere)).toBe("make_ready")
    expect(nextStep(allHere)).toBe("Mark ready")
  })

  it("labels a ship task that sends a pickup's units to another store as a transfer to send", () => {
    expect(nextStep(task({ kind: "ship", note: "Transfer to Northwind Evanston for the customer's pickup" }))).toBe("Pick, then send to the pickup store")
    // a till's endless-aisle shipment says its address in the note: it goes to the customer
    expect(nextStep(task({ kind: "ship", note: "Ship to Dana Reyes, 1200 W Fulton Market, Chicago 60607, US (sold at a till)" }))).toBe("Pick, then ship")
  })
})
