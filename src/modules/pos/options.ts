import { MedusaError } from "@medusajs/framework/utils"
import type { ReturnPolicyOptions } from "../../lib/returns/policy"
import { DEFAULT_RULE_SET, type RuleSet } from "../../lib/routing"
import { resolveStripeTerminalOptions, type ResolvedStripeTerminalOptions, type StripeTerminalOptions } from "../../lib/stripe-terminal"

/** Plugin options that the pos module reads (the plugin's `options` in medusa-config). */
export type PosModuleOptions = {
  /** Stripe Terminal for card tenders (reader actions, connection tokens, the webhook); env vars by default */
  stripe_terminal?: StripeTerminalOptions
  /** the payment provider id card tenders use. Default "pp_stripe-terminal_stripe-terminal". */
  card_payment_provider_id?: string
  /** the payment provider id cash tenders are recorded with. Default "pp_system_default". */
  cash_payment_provider_id?: string
  /** the routing rule set (docs/routing.md); default DEFAULT_RULE_SET */
  routing?: Partial<RuleSet>
  /** click-and-collect: what happens to a ready pickup nobody collected in the store's hold period. Default "cancel". */
  pickup?: {
    on_expiry?: "cancel" | "release"
    /**
     * when an online pickup order's authorized payment is captured: at hand-over ("collect", the
     * default), when it is made ready ("ready"), or never by the plugin ("manual": in Medusa's dashboard)
     */
    capture?: PickupCapture
  }
  /** cycle counts: a count whose lines are off by more than this many units in total waits for a manager. Default 5. */
  counts?: { approval_variance_units?: number }
  /** the return policy (docs/returns.md): window, final sale, store credit, dispositions; per store under `stores` */
  returns?: ReturnPolicyOptions
  /** A shift closing with a cash variance larger than this (in the store's currency) needs a manager. Default 5. */
  shift_variance_threshold?: number
  /** Wrong manager PINs in a row before PIN entry locks for the requester. Default 5. */
  pin_max_attempts?: number
  /** How long PIN entry stays locked, in minutes. Default 15. */
  pin_lock_minutes?: number
  /** The return policy printed on every receipt. */
  receipt_return_policy?: string
  /**
   * Bounds on what one request may ask for; beyond them the API answers 400
   * naming the limit. Hard ceilings (HARD_LIMITS) cap what may be configured.
   */
  limits?: Partial<PosLimits>
  /**
   * A simulated card reader for training and development: a register whose
   * reader_id is "simulated" takes card tenders that the till approves or
   * declines itself, recorded with Medusa's system payment provider. No money
   * moves, and no Stripe account is needed. Off unless set (env POS_SIMULATED_READER=true).
   */
  simulated_reader?: boolean
  /** The POS page: a till left alone this many minutes locks and opens with a staff PIN. Default 5; 0 never locks. */
  till?: { idle_lock_minutes?: number }
  /** The scorecard (docs/reports.md): the promises it measures and the targets its tiles show. */
  reports?: Partial<ReportSettings>
  /**
   * Loyalty (docs/customers.md): a share of what a registered customer pays for an order, in any
   * channel, credited to their store credit account (Medusa's loyalty plugin) once the order is paid,
   * and taken back in proportion when it is returned at a till. 0 (the default) earns nothing.
   */
  loyalty?: { earn_rate?: number }
  /** What a register may sell while offline. */
  offline?: {
    /** tenders allowed offline; card payments cannot be taken offline in a browser. Default ["cash"]. */
    tenders?: string[]
    /** the most one offline sale may total, in the store's currency. Default 500. */
    max_sale_amount?: number
    /** how old an offline sale may be when it reaches the server, in hours. Default 72. */
    max_offline_hours?: number
  }
}

export type PosLimits = {
  /** units one sale line may hold (also per line of an offline sale). Default 999. */
  max_line_quantity: number
  /** lines one sale may have (also an offline sale). Default 100. */
  max_sale_lines: number
  /** the most one tender may be, in the store's currency. Default 100,000. */
  max_tender_amount: number
  /** the most one cash movement (float, cash in or out) may be, in the store's currency. Default 10,000. */
  max_cash_movement: number
  /** offline sales one sync request may carry. Default 200. */
  max_sync_sales: number
}

export const DEFAULT_LIMITS: PosLimits = {
  max_line_quantity: 999,
  max_sale_lines: 100,
  max_tender_amount: 100_000,
  max_cash_movement: 10_000,
  max_sync_sales: 200,
}

/** What no configuration can raise a limit beyond: the validators refuse more before any limit is read. */
export const HARD_LIMITS: PosLimits = {
  max_line_quantity: 100_000,
  max_sale_lines: 500,
  max_tender_amount: 1_000_000_000,
  max_cash_movement: 1_000_000_000,
  max_sync_sales: 500,
}

function resolveLimits(limits: Partial<PosLimits> | undefined): PosLimits {
  const resolved = { ...DEFAULT_LIMITS }
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof PosLimits)[]) {
    const value = limits?.[key]
    if (value == null) {
      continue
    }
    if (!(typeof value === "number" && value > 0 && value <= HARD_LIMITS[key])) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `pos option limits.${key} must be a number above 0 and at most ${HARD_LIMITS[key]} (got ${value})`)
    }
    resolved[key] = value
  }
  return resolved
}

export type ReportTargets = Partial<Record<ReportTargetKey, number>>
export type ReportTargetKey =
  | "inventory_accuracy"
  | "promise_accuracy"
  | "pick_accuracy"
  | "bopis_adoption"
  | "return_rate"
  | "void_rate"
  | "gmroi"

export type ReportSettings = {
  /** an online order shipped from a node is on time within this many hours of being placed. Default 48. */
  ship_sla_hours: number
  /** a pickup is on time when ready within this many hours of being placed. Default 4. */
  pickup_sla_hours: number
  /** a counted line is accurate when off by at most this many units. Default 0. */
  count_tolerance_units: number
  /** the scorecard's targets, shares as 0–1 (inventory_accuracy 0.97 is 97%); tiles without one show none */
  targets: ReportTargets
}

const TARGET_KEYS: ReportTargetKey[] = ["inventory_accuracy", "promise_accuracy", "pick_accuracy", "bopis_adoption", "return_rate", "void_rate", "gmroi"]

function resolveReportSettings(value: Partial<ReportSettings> | undefined): ReportSettings {
  const hours = (key: "ship_sla_hours" | "pickup_sla_hours", fallback: number) => {
    const given = value?.[key]
    if (given === undefined) {
      return fallback
    }
    if (!(typeof given === "number" && given > 0 && given <= 24 * 365)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `pos option reports.${key} is a number of hours above 0, at most a year (got ${given})`)
    }
    return given
  }
  const tolerance = value?.count_tolerance_units ?? 0
  if (!(Number.isInteger(tolerance) && tolerance >= 0 && tolerance <= 1_000_000)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `pos option reports.count_tolerance_units is a whole number of units from 0 (got ${tolerance})`)
  }
  const targets: ReportTargets = {}
  for (const [key, target] of Object.entries(value?.targets ?? {})) {
    if (!TARGET_KEYS.includes(key as ReportTargetKey)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `pos option reports.targets.${key} is not a scorecard target; targets are ${TARGET_KEYS.join(", ")}`)
    }
    if (!(typeof target === "number" && Number.isFinite(target) && target >= 0 && (key === "gmroi" || target <= 1))) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `pos option reports.targets.${key} is a share from 0 to 1${key === "gmroi" ? " (gmroi: a ratio from 0)" : ""} (got ${target})`)
    }
    targets[key as ReportTargetKey] = target
  }
  return { ship_sla_hours: hours("ship_sla_hours", 48), pickup_sla_hours: hours("pickup_sla_hours", 4), count_tolerance_units: tolerance, targets }
}

export type PickupCapture = "collect" | "ready" | "manual"

function resolvePickupCapture(value: unknown): PickupCapture {
  if (value === undefined) {
    return "collect"
  }
  if (value !== "collect" && value !== "ready" && value !== "manual") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `pos option pickup.capture is "collect", "ready" or "manual" (got ${JSON.stringify(value)})`)
  }
  return value
}

function resolveCountVariance(value: unknown): number {
  if (value === undefined) {
    return 5
  }
  if (!(typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 1_000_000)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `pos option counts.approval_variance_units is a whole number of units from 0 (got ${value})`)
  }
  return value
}

export type OfflinePolicy = { tenders: string[]; max_sale_amount: number; max_offline_hours: number }

export type PosSettings = Required<Omit<PosModuleOptions, "offline" | "stripe_terminal" | "routing" | "returns" | "pickup" | "limits" | "till" | "counts" | "reports" | "loyalty">> & {
  loyalty: { earn_rate: number }
  reports: ReportSettings
  counts: { approval_variance_units: number }
  limits: PosLimits
  till: { idle_lock_minutes: number }
  pickup: { on_expiry: "cancel" | "release"; capture: PickupCapture }
  routing: RuleSet
  returns: ReturnPolicyOptions
  offline: OfflinePolicy
  stripe_terminal: ResolvedStripeTerminalOptions
}

export function resolvePosSettings(options: PosModuleOptions | undefined): PosSettings {
  return {
    shift_variance_threshold: options?.shift_variance_threshold ?? 5,
    limits: resolveLimits(options?.limits),
    pin_max_attempts: options?.pin_max_attempts ?? 5,
    pin_lock_minutes: options?.pin_lock_minutes ?? 15,
    receipt_return_policy:
      options?.receipt_return_policy ?? "Returns and exchanges within 30 days at any of our shops, with this receipt.",
    stripe_terminal: resolveStripeTerminalOptions(options?.stripe_terminal),
    card_payment_provider_id: options?.card_payment_provider_id ?? "pp_stripe-terminal_stripe-terminal",
    cash_payment_provider_id: options?.cash_payment_provider_id ?? "pp_system_default",
    routing: {
      version: options?.routing?.version ?? (options?.routing?.rules ? "options-1" : DEFAULT_RULE_SET.version),
      rules: options?.routing?.rules ?? DEFAULT_RULE_SET.rules,
      allow_split_line: options?.routing?.allow_split_line ?? false,
      ...(options?.routing?.safety_stock ? { safety_stock: options.routing.safety_stock } : {}),
    },
    returns: options?.returns ?? {},
    pickup: { on_expiry: options?.pickup?.on_expiry ?? "cancel", capture: resolvePickupCapture(options?.pickup?.capture) },
    counts: { approval_variance_units: resolveCountVariance(options?.counts?.approval_variance_units) },
    reports: resolveReportSettings(options?.reports),
    till: { idle_lock_minutes: resolveIdleLockMinutes(options?.till?.idle_lock_minutes) },
    simulated_reader: options?.simulated_reader ?? process.env.POS_SIMULATED_READER === "true",
    loyalty: { earn_rate: resolveEarnRate(options?.loyalty?.earn_rate) },
    offline: {
      tenders: resolveOfflineTenders(options?.offline?.tenders),
      max_sale_amount: options?.offline?.max_sale_amount ?? 500,
      max_offline_hours: options?.offline?.max_offline_hours ?? 72,
    },
  }
}

function resolveIdleLockMinutes(value: unknown): number {
  if (value === undefined) {
    return 5
  }
  if (!(typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 24 * 60)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `pos option till.idle_lock_minutes must be a whole number of minutes from 0 to 1440 (got ${value})`)
  }
  return value
}

function resolveEarnRate(value: unknown): number {
  if (value === undefined) {
    return 0
  }
  if (!(typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `pos option loyalty.earn_rate is a share from 0 to 1 (0.05 earns 5%) (got ${JSON.stringify(value)})`)
  }
  return value
}

/** Gift cards and store credit have no balance to check offline: an offline sale never takes them. */
function resolveOfflineTenders(value: unknown): string[] {
  if (value === undefined) {
    return ["cash"]
  }
  if (!Array.isArray(value) || value.some((t) => typeof t !== "string")) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `pos option offline.tenders is a list of tender types (got ${JSON.stringify(value)})`)
  }
  const refused = value.filter((t) => t === "gift_card" || t === "store_credit")
  if (refused.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `pos option offline.tenders cannot hold ${refused.join(", ")}: a till offline cannot check a gift card's or a customer's balance`
    )
  }
  return value
}
