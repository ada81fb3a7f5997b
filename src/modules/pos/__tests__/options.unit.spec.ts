import { DEFAULT_RULE_SET } from "../../../lib/routing"
import { resolvePosSettings } from "../options"

describe("resolvePosSettings", () => {
  it("defaults: the default routing rules, cash through the system provider, cards through Stripe Terminal", () => {
    const settings = resolvePosSettings(undefined)
    expect(settings.routing).toEqual(DEFAULT_RULE_SET)
    expect(settings.cash_payment_provider_id).toBe("pp_system_default")
    expect(settings.card_payment_provider_id).toBe("pp_stripe-terminal_stripe-terminal")
    expect(settings.stripe_terminal.reader_timeout_seconds).toBe(120)
  })

  it("takes a merchant's routing rules, and versions them", () => {
    const rules = [{ id: "active-nodes" }, { id: "distance" }]
    expect(resolvePosSettings({ routing: { rules } }).routing).toEqual({ version: "options-1", rules, allow_split_line: false })
    expect(resolvePosSettings({ routing: { rules, version: "spring-2027", allow_split_line: true } }).routing).toEqual({
      version: "spring-2027",
      rules,
      allow_split_line: true,
    })
  })

  it("locks an idle till after 5 minutes unless told otherwise, and keeps the simulated reader off unless asked", () => {
    const previous = process.env.POS_SIMULATED_READER
    delete process.env.POS_SIMULATED_READER
    try {
      expect(resolvePosSettings(undefined)).toMatchObject({ till: { idle_lock_minutes: 5 }, simulated_reader: false })
      expect(resolvePosSettings({ till: { idle_lock_minutes: 0 }, simulated_reader: true })).toMatchObject({
        till: { idle_lock_minutes: 0 },
        simulated_reader: true,
      })
      process.env.POS_SIMULATED_READER = "true"
      expect(resolvePosSettings(undefined).simulated_reader).toBe(true)
      for (const bad of [-1, 1.5, 1441, "5" as any]) {
        expect(() => resolvePosSettings({ till: { idle_lock_minutes: bad } })).toThrow(/till.idle_lock_minutes/)
      }
    } finally {
      if (previous === undefined) delete process.env.POS_SIMULATED_READER
      else process.env.POS_SIMULATED_READER = previous
    }
  })

  it("measures promises of 48 hours to ship and 4 to be ready unless told otherwise, and checks the scorecard's targets", () => {
    expect(resolvePosSettings(undefined).reports).toEqual({ ship_sla_hours: 48, pickup_sla_hours: 4, count_tolerance_units: 0, targets: {} })
    expect(resolvePosSettings({ reports: { ship_sla_hours: 24, targets: { inventory_accuracy: 0.97, gmroi: 3.5 } } }).reports).toMatchObject({
      ship_sla_hours: 24,
      pickup_sla_hours: 4,
      targets: { inventory_accuracy: 0.97, gmroi: 3.5 },
    })
    expect(() => resolvePosSettings({ reports: { targets: { inventory_accuracy: 97 } } })).toThrow(/reports.targets.inventory_accuracy is a share from 0 to 1/)
    expect(() => resolvePosSettings({ reports: { targets: { revenue: 1 } as any } })).toThrow(/reports.targets.revenue is not a scorecard target/)
    expect(() => resolvePosSettings({ reports: { pickup_sla_hours: 0 } })).toThrow(/reports.pickup_sla_hours/)
    expect(() => resolvePosSettings({ reports: { count_tolerance_units: 0.5 } })).toThrow(/reports.count_tolerance_units/)
  })

  it("earns no loyalty unless told a share from 0 to 1, and never takes gift cards or store credit offline", () => {
    expect(resolvePosSettings(undefined).loyalty).toEqual({ earn_rate: 0 })
    expect(resolvePosSettings({ loyalty: { earn_rate: 0.05 } }).loyalty).toEqual({ earn_rate: 0.05 })
    for (const bad of [-0.1, 1.5, "0.05" as any, Number.NaN]) {
      expect(() => resolvePosSettings({ loyalty: { earn_rate: bad } })).toThrow(/loyalty.earn_rate is a share from 0 to 1/)
    }
    expect(resolvePosSettings(undefined).offline.tenders).toEqual(["cash"])
    expect(() => resolvePosSettings({ offline: { tenders: ["cash", "gift_card"] } })).toThrow(
      /offline.tenders cannot hold gift_card: a till offline cannot check a gift card's or a customer's balance/
    )
    expect(() => resolvePosSettings({ offline: { tenders: "cash" as any } })).toThrow(/offline.tenders is a list/)
  })
})
