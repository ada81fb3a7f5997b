import { DEFAULT_LIMITS } from "../../../../modules/pos/options"
import { checkOfflineSale, readRecordedAt, type OfflineSaleInput } from "../check-offline-sale"

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
    expect(checkOfflineSale(sale(), policy, DEFAULT_LIMITS, now)).toBeNull()
  })

  it.each([
    [{ tenders: [{ type: "card", amount: 10 }] }, "tender card is not allowed offline"],
    [{ recorded_at: "2026-11-24T11:00:00Z" }, "more than the 72 hours"],
    [{ recorded_at: "2026-11-29T12:00:00Z" }, "in the future"],
    [{ recorded_at: "yesterday" }, "not a date"],
    [{ recorded_at: "0000-01-01T00:00:00Z" }, "not a date"],
    [{ recorded_at: "2026-11-28" }, "not a date"],
    [{ lines: Array.from({ length: 101 }, () => ({ code: "X", quantity: 1, unit_price: 1 })) }, "more than the 100 a sale may have"],
    [{ lines: [{ code: "X", quantity: 1000, unit_price: 0.1 }] }, "more than the 999 a line may hold"],
    [{ lines: [{ code: "X", quantity: 20, unit_price: 30 }] }, "more than the 500"],
    [{ lines: [] }, "has no lines"],
  ])("refuses %j: %s", (change, reason) => {
    expect(checkOfflineSale(sale(change as Partial<OfflineSaleInput>), policy, DEFAULT_LIMITS, now)).toContain(reason)
  })
})

describe("readRecordedAt", () => {
  it.each([
    ["2026-11-28T10:00:00Z", "2026-11-28T10:00:00.000Z"],
    ["2026-11-28T10:00:00.123Z", "2026-11-28T10:00:00.123Z"],
    ["2026-11-28T11:00:00+01:00", "2026-11-28T10:00:00.000Z"],
  ])("reads %s", (text, iso) => {
    expect(readRecordedAt(text)?.toISOString()).toBe(iso)
  })

  it.each(["yesterday", "0000-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2026-13-01T00:00:00Z", "2026-11-28", ""])("refuses %p", (text) => {
    expect(readRecordedAt(text)).toBeNull()
  })
})
