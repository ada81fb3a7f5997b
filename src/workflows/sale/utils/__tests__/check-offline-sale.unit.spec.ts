import { checkOfflineSale, type OfflineSaleInput } from "../check-offline-sale"

const policy = { tenders: ["cash"], max_sale_amount: 500, max_offline_hours: 72 }
const now = new Date("2026-11-28T12:00:00Z")
const sale = (change: Partial<OfflineSaleInput> = {}): OfflineSaleInput => ({
  client_txn_id: "t1",
  recorded_at: "2026-11-28T10:00:00Z",
  staff_id: "stf_1",
  lines: [{ code: "NW-TEE-BLA-M", quantity: 2, unit_price: 28 }],
  tenders: [{ type: "cash", amount: 61.74 }],
  ...change,
})

describe("checkOfflineSale", () => {
  it("lets a cash sale within the policy through", () => {
    expect(checkOfflineSale(sale(), policy, now)).toBeNull()
  })

  it.each([
    [{ tenders: [{ type: "card", amount: 10 }] }, "tender card is not allowed offline"],
    [{ recorded_at: "2026-11-24T11:00:00Z" }, "more than the 72 hours"],
    [{ recorded_at: "2026-11-29T12:00:00Z" }, "in the future"],
    [{ recorded_at: "yesterday" }, "not a date"],
    [{ lines: [{ code: "X", quantity: 20, unit_price: 30 }] }, "more than the 500"],
    [{ lines: [] }, "has no lines"],
  ])("refuses %j: %s", (change, reason) => {
    expect(checkOfflineSale(sale(change as Partial<OfflineSaleInput>), policy, now)).toContain(reason)
  })
})
